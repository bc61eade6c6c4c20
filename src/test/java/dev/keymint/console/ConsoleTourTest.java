package dev.keymint.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

import dev.keymint.support.AdminApi;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the console over a customer that looks like one in use, as a full administrator
 * sees it, on a laptop and on a phone: each page loads without an error. The screenshots it
 * takes ({@code target/console-screenshots}) are the ones in docs/console.md.
 */
class ConsoleTourTest extends ConsoleTestBase {

    static final Path SHOTS = Path.of("target", "console-screenshots");

    @Test
    void everyPageShowsACustomerInUseWithoutAnError() {
        Tenant tenant = newTenant();
        rename(tenant.admin().clientId(), "Administrator");
        keys.jdbc().sql("UPDATE customer SET name = 'Acme Inc' WHERE id = ?").param(tenant.customerId()).update();
        AdminApi admin = AdminApi.as(http, tenant.admin().clientId(), tenant.admin().secret());
        String europe = id(admin.post("/api/v1/microtenants", "{\"name\":\"Europe\",\"description\":\"EU workloads, data stays in the EU\"}"));
        id(admin.post("/api/v1/microtenants", "{\"name\":\"North America\",\"description\":\"US and Canada\"}"));
        String auditor = id(admin.post("/api/v1/roles",
                "{\"name\":\"Key auditor\",\"description\":\"Reads keys and the audit log\",\"permissions\":[\"api-keys:read\",\"audit:read\"]}"));
        String operatorRole = id(admin.post("/api/v1/roles",
                "{\"name\":\"Key operator\",\"description\":\"Manages keys, reads roles\",\"permissions\":[\"api-keys:read\",\"api-keys:write\",\"roles:read\"]}"));
        String readOnly = roleNamed(tenant.customerId(), "API Read Only");
        createKey(admin, "Nightly report", auditor, 900, null, 90);
        createKey(admin, "Billing service", readOnly, 3600, europe, null);
        createKey(admin, "Mobile backend", readOnly, 1800, europe, 365);
        createKey(admin, "Partner: Acme Corp", auditor, 600, null, 30);
        String legacy = createKey(admin, "Legacy importer", readOnly, 7200, null, null);
        admin.patch("/api/v1/api-keys/" + legacy, "{\"enabled\":false}");
        String support = createKey(admin, "Support tooling", auditor, 3600, null, null);
        for (int i = 0; i < 3; i++) {
            http.token(support, "kms_a_wrong_secret_" + i);
        }
        Key pipeline = keys.key(tenant.customerId(), readOnly).create();
        keys.jdbc().sql("UPDATE api_key SET name = 'CI pipeline', read_only = TRUE, managed_by = 'terraform' WHERE client_id = ?")
                .param(pipeline.clientId()).update();
        Instant now = clock.instant();
        keys.jdbc().sql("UPDATE api_key SET last_used_at = ? WHERE customer_id = ? AND name IN ('Nightly report', 'Billing service', 'Mobile backend', 'CI pipeline')")
                .params(now.minus(Duration.ofMinutes(7)).toEpochMilli(), tenant.customerId()).update();

        console.resize(new Dimension(1100, 720));
        console.open();
        console.screenshot(SHOTS.resolve("sign-in.png"));
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.resize(ConsoleBrowser.LAPTOP);
        assertThat(console.column("Name")).hasSize(8);
        assertNoError();
        console.screenshot(SHOTS.resolve("api-keys.png"));
        console.openActions("Support tooling");
        console.menuItem("Regenerate secret");
        console.screenshot(SHOTS.resolve("key-actions.png"));
        console.menuItem("Edit").sendKeys(Keys.ESCAPE);

        console.click("Add API key");
        console.type("Name", "Checkout service");
        console.choose("Role", "Key auditor");
        console.type("Session validity interval (seconds)", "900");
        console.choose("Microtenant", "Europe");
        console.field("Expiration time").click();
        console.type("Lifetime (days)", "180");
        console.screenshot(SHOTS.resolve("add-api-key.png"));
        console.click("Add API key");
        console.waitForDialog("API key created");
        console.screenshot(SHOTS.resolve("secret-shown-once.png"));
        console.click("Done");
        console.waitForNoDialog();

        console.go("Roles");
        assertNoError();
        console.screenshot(SHOTS.resolve("roles.png"));
        console.click("Edit Key auditor");
        console.waitUntil(d -> console.dialogTitle().startsWith("Edit the role"), "the role window");
        console.screenshot(SHOTS.resolve("edit-role.png"));
        console.click("Cancel");

        console.go("Microtenants");
        assertNoError();
        console.screenshot(SHOTS.resolve("microtenants.png"));

        console.go("Audit log");
        assertThat(console.column("Action")).contains("api-key.created", "api-key.disabled", "api-key.locked");
        assertNoError();
        console.screenshot(SHOTS.resolve("audit-log.png"));

        console.go("Signing keys");
        assertThat(console.pageText()).contains("Signing");
        assertNoError();
        console.screenshot(SHOTS.resolve("signing-keys.png"));

        console.resize(new Dimension(400, 860));
        console.go("API Keys");
        console.script("document.querySelector('main table tbody tr').scrollIntoView(); window.scrollBy(0, -70);");
        assertThat((Long) console.script("return document.documentElement.scrollWidth - window.innerWidth"))
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(0L);
        assertNoError();
        console.screenshot(SHOTS.resolve("api-keys-phone.png"));

        console.resize(ConsoleBrowser.LAPTOP);
        Key operator = keys.key(tenant.customerId(), operatorRole).create();
        rename(operator.clientId(), "Operations");
        console.signIn(operator.clientId(), operator.secret());
        console.openActions("Administrator");
        assertThat(console.menuItem("Edit").getText()).contains("holds permissions your key does not");
        console.screenshot(SHOTS.resolve("disabled-reasons.png"));
        console.menuItem("Edit").sendKeys(Keys.ESCAPE);
    }

    private void assertNoError() {
        console.waitForIdle();
        assertThat(console.showsError()).as("an error on the page: %s", console.pageText()).isFalse();
    }

    private static String createKey(AdminApi admin, String name, String roleId, int seconds, String microtenantId,
            Integer lifetimeDays) {
        StringBuilder body = new StringBuilder("{\"name\":\"" + name + "\",\"roleId\":\"" + roleId
                + "\",\"sessionValiditySeconds\":" + seconds);
        if (microtenantId != null) {
            body.append(",\"microtenantId\":\"").append(microtenantId).append('"');
        }
        if (lifetimeDays != null) {
            body.append(",\"lifetimeDays\":").append(lifetimeDays);
        }
        return admin.post("/api/v1/api-keys", body.append('}').toString()).json().get("clientId").asString();
    }

    private static String id(dev.keymint.support.Http.Response created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
