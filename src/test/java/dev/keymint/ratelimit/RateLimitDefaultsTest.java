package dev.keymint.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestSupportConfiguration;

/**
 * The limits as shipped, which every other test raises out of reach (the roomy-rate-limits
 * profile): 20 reads and 10 writes per 10 s per administrator, 20 failed client authentications
 * per minute per address. What a fresh budget answers is exact; when the next unit comes depends
 * on how fast this machine sends, so the failures are counted up to the refusal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestSupportConfiguration.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitDefaultsTest {

    static final String BOOTSTRAP_ID = "kmc_test_bootstrap_admin";
    static final String BOOTSTRAP_SECRET = "test-bootstrap-secret-0123456789abcdef";

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void anAdministratorHas20ReadsAnd10WritesPer10Seconds() {
        Http http = new Http(port);
        AdminApi admin = AdminApi.as(http, BOOTSTRAP_ID, BOOTSTRAP_SECRET);

        Http.Response read = admin.get("/api/v1/customer");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("RateLimit-Policy")).isEqualTo("\"admin-reads\";q=20;w=10");
        assertThat(read.header("RateLimit")).isEqualTo("\"admin-reads\";r=19;t=1");

        Http.Response write = admin.post("/api/v1/api-keys/" + BOOTSTRAP_ID + "/unlock", "{}");
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        assertThat(write.header("RateLimit-Policy")).isEqualTo("\"admin-writes\";q=10;w=10");
        assertThat(write.header("RateLimit")).isEqualTo("\"admin-writes\";r=9;t=1");

        Http.Response limited = read;
        int reads = 1;
        while (limited.status() == 200) {
            limited = admin.get("/api/v1/customer");
            reads++;
        }
        assertThat(reads).isGreaterThan(20);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
    }

    @Test
    @Order(2)
    void anAddressHas20FailedAuthenticationsPerMinute() {
        Http http = new Http(port);
        Http.Response response = http.token("kmc_nobody", "wrong");
        int failures = 0;
        while (response.status() == 401) {
            failures++;
            response = http.token("kmc_nobody", "wrong");
        }
        assertThat(failures).isGreaterThanOrEqualTo(20);
        assertThat(response.status()).isEqualTo(429);
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(response.header("RateLimit-Policy")).isEqualTo("\"token-failures\";q=20;w=60");
        assertThat(response.json().get("error").asString()).isEqualTo("slow_down");
    }
}
