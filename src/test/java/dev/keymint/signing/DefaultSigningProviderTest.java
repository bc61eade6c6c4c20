package dev.keymint.signing;

import org.junit.jupiter.api.Test;

import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Prometheus;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code keymint.signing.provider}: native signing where keymint ships it, and it says so. */
class DefaultSigningProviderTest extends KeymintHttpTest {

    @Test
    void signsNativelyWhereKeymintShipsTheNativeProviderAndSaysSo() {
        String expected = NativeSigningTest.shipsNativeSigning() ? "native" : "jdk";

        JsonNode signing = http.get("/actuator/info").json().get("signing");

        assertThat(signing.get("requested").asString()).isEqualTo("auto");
        assertThat(signing.get("provider").asString()).isEqualTo(expected);
        assertThat(signing.get("algorithm").asString()).isEqualTo("RS256");
        assertThat(Prometheus.scrape(http).value("keymint_signing_provider_info", "provider=\"" + expected + "\""))
                .isEqualTo(1);
    }
}
