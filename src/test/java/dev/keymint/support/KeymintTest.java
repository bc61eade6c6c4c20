package dev.keymint.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port over the embedded MariaDB, with a clock the test
 * controls. Test classes with the same configuration share one application context (and so one
 * schema); a class that needs other properties gets a context and a fresh schema of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", KeymintTest.ROOMY_RATE_LIMITS})
@Import(TestSupportConfiguration.class)
public @interface KeymintTest {

    /**
     * The profile of rate limits no test reaches by accident (application-roomy-rate-limits.yml);
     * tests of the limits themselves leave it out or set their own.
     */
    String ROOMY_RATE_LIMITS = "roomy-rate-limits";
}
