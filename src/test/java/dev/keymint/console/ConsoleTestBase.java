package dev.keymint.console;

import java.nio.file.Path;
import java.util.Collection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.role.PredefinedRoles;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's browser tests share: one application context (a managed key from
 * configuration, and a session validity interval down to 2 seconds so that a session can
 * expire within a test), one Chromium per test class, and a screenshot of what the browser
 * showed when a test failed ({@code target/console-failures}).
 */
@TestPropertySource(properties = {
        "keymint.managed-keys[0].client-id=" + ConsoleTestBase.MANAGED_CLIENT_ID,
        "keymint.managed-keys[0].client-secret=managed-console-secret-0123456789abcdef",
        "keymint.managed-keys[0].name=Deployment pipeline",
        "keymint.managed-keys[0].role=API Read Only",
        "keymint.managed-keys[0].managed-by=terraform",
        "keymint.api-key.min-session-validity-seconds=2"})
abstract class ConsoleTestBase extends KeymintHttpTest {

    static final String MANAGED_CLIENT_ID = "kmc_console_managed";

    private static ConsoleBrowser browser;

    @Autowired
    PredefinedRoles predefinedRoles;

    Console console;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && console != null) {
            console.screenshot(Path.of("target", "console-failures",
                    context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                            + ".png"));
        }
    };

    @BeforeAll
    static void startBrowser() {
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Every test starts from a page without a session and without the preferences of the one before. */
    @BeforeEach
    void freshConsole() {
        console = new Console(browser, "http://localhost:" + port);
        console.driver().get(console.base() + "/console/");
        console.script("localStorage.clear();");
        browser.pageErrors();
    }

    @AfterEach
    void noPageErrors() {
        assertThat(browser.pageErrors()).as("errors the page reported").isEmpty();
    }

    static ConsoleBrowser browser() {
        return browser;
    }

    /** A customer of its own, so that lists and counts hold only what the test made. */
    Tenant newTenant() {
        String customerId = keys.newCustomer();
        String fullAccess = predefinedRoles.synchronize(customerId);
        return new Tenant(customerId, fullAccess, keys.key(customerId, fullAccess).create());
    }

    record Tenant(String customerId, String fullAccessRoleId, Key admin) {
    }

    String roleNamed(String customerId, String name) {
        return keys.jdbc().sql("SELECT id FROM role WHERE customer_id = ? AND name = ?").params(customerId, name)
                .query(String.class).single();
    }

    /** A role of the customer with exactly these permissions, under a name of the test's choosing. */
    String newRole(String customerId, String name, Collection<String> permissions) {
        String id = keys.newRole(customerId, permissions);
        keys.jdbc().sql("UPDATE role SET name = ? WHERE id = ?").params(name, id).update();
        return id;
    }

    void rename(String clientId, String name) {
        keys.jdbc().sql("UPDATE api_key SET name = ? WHERE client_id = ?").params(name, clientId).update();
    }
}
