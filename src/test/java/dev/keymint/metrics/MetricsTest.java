package dev.keymint.metrics;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.lockout.LockoutService;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Prometheus;
import dev.keymint.support.TestKeys.Key;
import dev.keymint.token.ClientAuthenticationFailure;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest extends KeymintHttpTest {

    @Autowired
    LockoutService lockout;

    static String reason(String reason) {
        return "reason=\"" + reason + "\"";
    }

    @Test
    void countsTokensFailuresLocksRejectionsAndUnlocksAndTimesTheTokenEndpoint() {
        Key key = keys.newKey(List.of("roles:read"));
        Prometheus before = Prometheus.scrape(http);

        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(http.token("kmc_no_such_client", key.secret()).status()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            assertThat(http.token(key.clientId(), "kms_wrong").status()).isEqualTo(401);
        }
        assertThat(http.token(key.clientId(), key.secret()).status()).as("locked").isEqualTo(401);
        assertThat(lockout.unlock(key.clientId(), key.customerId(), "metrics test")).isTrue();

        Prometheus after = Prometheus.scrape(http);
        assertThat(delta(before, after, "keymint_tokens_issued_total")).isEqualTo(2);
        String failures = "keymint_client_authentication_failures_total";
        assertThat(delta(before, after, failures, reason("unknown_client"))).isEqualTo(1);
        assertThat(delta(before, after, failures, reason("bad_secret"))).isEqualTo(2);
        assertThat(delta(before, after, failures, reason("locked")))
                .as("the failure that locked and the request refused while locked").isEqualTo(2);
        assertThat(delta(before, after, failures, reason("disabled"))).isZero();
        assertThat(delta(before, after, "keymint_key_locks_total")).isEqualTo(1);
        assertThat(delta(before, after, "keymint_locked_key_rejections_total")).isEqualTo(1);
        assertThat(delta(before, after, "keymint_key_unlocks_total")).isEqualTo(1);
        assertThat(delta(before, after, "keymint_token_request_seconds_count", "status=\"200\"")).isEqualTo(2);
        assertThat(delta(before, after, "keymint_token_request_seconds_count", "status=\"401\"")).isEqualTo(5);
        assertThat(after.value("keymint_token_request_seconds_sum", "status=\"200\"")).isPositive();
        assertThat(postsObserved(after)).as("the token endpoint is timed once, by keymint's own timer")
                .isEqualTo(postsObserved(before));
        assertThat(delta(before, after, "keymint_token_request_seconds_bucket", "status=\"200\"", "le=\"+Inf\""))
                .as("a histogram, so that percentiles aggregate over instances").isEqualTo(2);
    }

    @Test
    void everyFailureReasonIsExposedFromTheStartAndNoClientIdIsALabel() {
        Key key = keys.newKey(List.of("roles:read"));
        http.token(key.clientId(), "kms_wrong");

        Prometheus scrape = Prometheus.scrape(http);
        for (ClientAuthenticationFailure.Reason reason : ClientAuthenticationFailure.Reason.values()) {
            assertThat(scrape.value("keymint_client_authentication_failures_total",
                    reason(reason.name().toLowerCase(java.util.Locale.ROOT)))).isNotNegative();
        }
        assertThat(scrape.text()).doesNotContain(key.clientId()).doesNotContain("client_id=");
        assertThat(scrape.text().lines().filter(line -> line.startsWith("keymint_")))
                .allSatisfy(line -> assertThat(line).doesNotContain("kmc_"));
    }

    private static double delta(Prometheus before, Prometheus after, String name, String... labels) {
        return after.count(name, labels) - before.count(name, labels);
    }

    /** Requests Spring's generic {@code http.server.requests} timer counted for POSTs. */
    private static double postsObserved(Prometheus scrape) {
        return scrape.text().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count") && line.contains("method=\"POST\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
