package dev.keymint.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of tests against the running application: HTTP on its port, test data, and a clock that
 * is back at real time after every test.
 */
@KeymintTest
public abstract class KeymintHttpTest {

    /** The bootstrap administrator key of the test profile (API Full Access). */
    protected static final String BOOTSTRAP_ID = "kmc_test_bootstrap_admin";
    protected static final String BOOTSTRAP_SECRET = "test-bootstrap-secret-0123456789abcdef";

    @LocalServerPort
    protected int port;
    @Autowired
    protected TestKeys keys;
    @Autowired
    protected MutableClock clock;
    protected Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The administration API as the bootstrap administrator of the test profile (API Full Access). */
    protected AdminApi bootstrapAdmin() {
        return AdminApi.as(http, BOOTSTRAP_ID, BOOTSTRAP_SECRET);
    }

    /** A token for the key, which must get one; {@code extraParams} as for {@link Http#token}. */
    protected String accessToken(String clientId, String secret, String... extraParams) {
        Http.Response response = http.token(clientId, secret, extraParams);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    /** What introspection answers {@code caller} about {@code token}. */
    protected JsonNode introspect(Key caller, String token) {
        Http.Response response = http.postForm("/oauth2/introspect", Http.basic(caller.clientId(), caller.secret()),
                "token=" + Http.form(token));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
