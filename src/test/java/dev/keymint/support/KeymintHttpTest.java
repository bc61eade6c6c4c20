package dev.keymint.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of tests against the running application: HTTP on its port, test data, and a clock that
 * is back at real time after every test.
 */
@KeymintTest
public abstract class KeymintHttpTest {

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
        return AdminApi.as(http, "kmc_test_bootstrap_admin", "test-bootstrap-secret-0123456789abcdef");
    }
}
