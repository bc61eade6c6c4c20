package dev.keymint.console;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/** The API Keys page in a real browser, over keymint and its database. */
class ApiKeysPageTest extends ConsoleTestBase {

    static final String VALIDITY = "Session validity interval (seconds)";

    @Test
    void aKeyFromAddingToDeletingWithEverySecretShownOnceAndCopied() {
        Tenant tenant = newTenant();
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());

        console.click("Add API key");
        console.type("Name", "Nightly report");
        console.choose("Role", "API Read Only");
        console.type(VALIDITY, "900");
        console.field("Expiration time").click();
        console.type("Lifetime (days)", "30");
        console.click("Add API key");

        console.waitForDialog("API key created");
        assertThat(console.dialog().getText()).contains("Copy the key secret now.", "It will never be shown again");
        String clientId = console.definition("Client ID");
        String secret = console.definition("Key secret");
        console.click("Copy key secret");
        assertThat(console.clipboard()).isEqualTo(secret);
        assertThat(console.button("Copy key secret").getText()).isEqualTo("Copied");
        console.click("Copy client ID");
        assertThat(console.clipboard()).isEqualTo(clientId);
        Http.Response token = http.token(clientId, secret);
        assertThat(token.status()).as("the secret shown works").isEqualTo(200);
        assertThat(token.json().get("expires_in").asInt()).isEqualTo(900);
        assertThat(token.json().get("scope").asString().split(" "))
                .containsExactlyInAnyOrder("api-keys:read", "audit:read", "microtenants:read", "roles:read");
        console.click("Done");
        console.waitForNoDialog();
        assertSecretGone(secret);

        WebElement row = console.row("Nightly report");
        assertThat(console.cell(row, "Client ID")).contains(clientId);
        assertThat(console.cell(row, "Status")).isEqualTo("Enabled");
        assertThat(console.cell(row, "Session Validity Interval (In Seconds)")).isEqualTo("900");
        assertThat(console.cell(row, "Role")).isEqualTo("API Read Only");
        assertThat(console.cell(row, "Expires")).isNotEqualTo("Never");
        assertThat(console.cell(row, "Locked")).isEqualTo("No");

        console.toggle("Nightly report");
        console.waitUntil(d -> console.cell(console.row("Nightly report"), "Status").equals("Disabled"), "Disabled");
        assertThat(http.token(clientId, secret).body()).contains("The client is disabled.");
        console.toggle("Nightly report");
        console.waitUntil(d -> console.cell(console.row("Nightly report"), "Status").equals("Enabled"), "Enabled");
        assertThat(http.token(clientId, secret).status()).isEqualTo(200);

        console.action("Nightly report", "Edit");
        console.waitUntil(d -> console.field("Name").getDomProperty("value").equals("Nightly report"), "the key's values");
        console.type("Name", "Nightly report v2");
        console.type(VALIDITY, "1800");
        console.click("Save changes");
        console.waitForNoDialog();
        assertThat(console.cell(console.row("Nightly report v2"), "Session Validity Interval (In Seconds)")).isEqualTo("1,800");
        assertThat(http.token(clientId, secret).json().get("expires_in").asInt()).isEqualTo(1800);

        for (int i = 0; i < 3; i++) {
            http.token(clientId, "kms_wrong_secret_" + i);
        }
        console.click("Refresh");
        console.waitUntil(d -> console.cell(console.row("Nightly report v2"), "Locked").startsWith("Locked until"), "the lock");
        assertThat(http.token(clientId, secret).status()).isEqualTo(401);
        console.click("Unlock Nightly report v2");
        console.waitUntil(d -> console.cell(console.row("Nightly report v2"), "Locked").equals("No"), "the unlock");
        assertThat(http.token(clientId, secret).status()).isEqualTo(200);

        console.action("Nightly report v2", "Regenerate secret");
        console.waitForDialog("Regenerate the secret of “Nightly report v2”?");
        console.click("Regenerate secret");
        console.waitForDialog("New secret");
        String newSecret = console.definition("Key secret");
        assertThat(newSecret).isNotEqualTo(secret).startsWith("kms_");
        console.click("Copy key secret");
        assertThat(console.clipboard()).isEqualTo(newSecret);
        console.click("Done");
        console.waitForNoDialog();
        assertSecretGone(newSecret);
        assertThat(http.token(clientId, secret).status()).as("the old secret, without grace").isEqualTo(401);
        assertThat(http.token(clientId, newSecret).status()).isEqualTo(200);

        console.action("Nightly report v2", "Delete");
        console.waitForDialog("Delete “Nightly report v2”?");
        assertThat(console.dialog().getText()).contains(clientId, "This cannot be undone.");
        console.click("Delete API key");
        console.waitForNoDialog();
        console.waitUntil(d -> !console.hasRow("Nightly report v2"), "the row to go");
        assertThat(http.token(clientId, newSecret).status()).isEqualTo(401);

        console.go("Audit log");
        console.type("Target", clientId);
        console.click("Apply filters");
        console.waitUntil(d -> console.column("Action").size() == 8, "the key's eight events");
        assertThat(console.column("Action")).containsExactly("api-key.deleted", "api-key.secret-regenerated",
                "api-key.unlocked", "api-key.locked", "api-key.updated", "api-key.enabled", "api-key.disabled",
                "api-key.created");
        assertThat(console.column("Actor")).containsOnly(tenant.admin().clientId(), "keymint");
    }

    @Test
    void aRegenerationWithGraceKeepsTheOldSecretUntilTheTimeItShows() {
        Tenant tenant = newTenant();
        Key key = keys.key(tenant.customerId(), roleNamed(tenant.customerId(), "API Read Only")).create();
        rename(key.clientId(), "Billing service");
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());

        console.action("Billing service", "Regenerate secret");
        console.type("Grace period (seconds)", "3600");
        console.click("Regenerate secret");

        console.waitForDialog("New secret");
        assertThat(console.dialog().getText()).contains("The previous secret keeps working until");
        String newSecret = console.definition("Key secret");
        console.click("Done");
        assertThat(http.token(key.clientId(), key.secret()).status()).as("the old one, in its grace").isEqualTo(200);
        assertThat(http.token(key.clientId(), newSecret).status()).isEqualTo(200);
    }

    @Test
    void filtersSortingAndPagingOverHundredsOfKeys() {
        Tenant tenant = newTenant();
        String customerId = tenant.customerId();
        rename(tenant.admin().clientId(), "Administrator");
        String readOnly = roleNamed(customerId, "API Read Only");
        String auditor = newRole(customerId, "Auditor", List.of("api-keys:read", "audit:read"));
        String europe = keys.newMicrotenant(customerId);
        keys.jdbc().sql("UPDATE microtenant SET name = 'Europe' WHERE id = ?").param(europe).update();
        for (int i = 1; i <= 300; i++) {
            Key key = keys.key(customerId, i % 3 == 0 ? auditor : readOnly)
                    .microtenant(i % 5 == 0 ? europe : null).create();
            rename(key.clientId(), "batch %03d".formatted(i));
            if (i % 4 == 0) {
                keys.setStatus(key.clientId(), ApiKeyStatus.DISABLED);
            }
            if (i % 50 == 0) {
                keys.jdbc().sql("UPDATE api_key SET failed_attempts = 3, locked_until = ? WHERE client_id = ?")
                        .params(clock.millis() + 1_800_000, key.clientId()).update();
            }
        }
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());

        assertThat(console.listSummary()).isEqualTo("301 API keys.");
        assertThat(console.column("Name")).hasSize(20);
        assertThat(console.pageRange()).isEqualTo("1–20 of 301");
        console.choose("Rows per page", "100");
        console.waitUntil(d -> console.column("Name").size() == 100, "100 rows");
        assertThat(console.pageRange()).isEqualTo("1–100 of 301");
        console.click("Next page");
        console.waitUntil(d -> console.pageRange().equals("101–200 of 301"), "the second page");
        console.click("Last page");
        console.waitUntil(d -> console.pageRange().equals("301–301 of 301"), "the last page");
        assertThat(console.column("Name")).hasSize(1);
        console.choose("Rows per page", "500");
        console.waitUntil(d -> console.column("Name").size() == 301, "every key on one page");

        console.click("Name");
        console.waitUntil(d -> console.column("Name").getFirst().startsWith("Administrator"), "ascending by name");
        assertThat(console.column("Name").get(1)).isEqualTo("batch 001");
        console.click("Name");
        console.waitUntil(d -> console.column("Name").getFirst().equals("batch 300"), "descending by name");
        assertThat(console.driver().findElement(By.xpath("//th[.//button[starts-with(normalize-space(.), 'Name')]]"))
                .getDomAttribute("aria-sort")).isEqualTo("descending");

        console.choose("Rows per page", "20");
        console.type("Search by name or client ID", "batch 01");
        console.waitForSummary("10 API keys match the filters.");
        assertThat(console.column("Name")).containsExactly("batch 019", "batch 018", "batch 017", "batch 016",
                "batch 015", "batch 014", "batch 013", "batch 012", "batch 011", "batch 010");
        console.click("Clear filters");
        console.choose("Status", "Disabled");
        console.waitForSummary("75 API keys match the filters.");
        console.choose("Microtenant", "Europe");
        console.waitForSummary("15 API keys match the filters.");
        assertThat(console.column("Microtenant")).containsOnly("Europe");
        assertThat(console.column("Status")).containsOnly("Disabled");

        console.click("Save filters…");
        console.type("Name", "Disabled in Europe");
        console.click("Save");
        console.waitForNoDialog();
        console.click("Clear filters");
        console.waitForSummary("301 API keys.");
        console.choose("Locked", "Locked");
        console.waitForSummary("6 API keys match the filters.");
        assertThat(console.column("Locked")).allMatch(text -> text.startsWith("Locked until"));
        console.click("Clear filters");
        console.choose("Role", "Auditor");
        console.waitForSummary("100 API keys match the filters.");

        console.choose("Saved filters", "Disabled in Europe");
        console.waitForSummary("15 API keys match the filters.");
        assertThat(console.chosen("Status")).isEqualTo("Disabled");
        assertThat(console.chosen("Role")).isEqualTo("Any");

        console.click("Columns");
        console.field("Creation Date").click();
        console.field("Last used").click();
        assertThat(console.columnHeaders()).doesNotContain("Creation Date", "Last used").contains("Name", "Expires");
        console.choose("Rows per page", "50");

        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        assertThat(console.columnHeaders()).as("remembered by this browser").doesNotContain("Creation Date", "Last used");
        assertThat(console.pageRange()).isEqualTo("1–50 of 301");
        console.choose("Saved filters", "Disabled in Europe");
        console.waitForSummary("15 API keys match the filters.");
        String stored = (String) console.script("return JSON.stringify({...localStorage})");
        assertThat(stored).doesNotContain("eyJ").doesNotContain(tenant.admin().secret());
    }

    @Test
    void actionsOnKeysAboveTheSignedInKeysPermissionsAreDisabledAndSayWhy() {
        Tenant tenant = newTenant();
        String customerId = tenant.customerId();
        String operatorRole = newRole(customerId, "Key operator", List.of("api-keys:read", "api-keys:write", "roles:read"));
        Key operator = keys.key(customerId, operatorRole).create();
        rename(keys.key(customerId, tenant.fullAccessRoleId()).create().clientId(), "Full administrator");
        Key reader = keys.key(customerId, newRole(customerId, "Key reader", List.of("api-keys:read"))).create();
        rename(reader.clientId(), "Reporting");
        console.signIn(operator.clientId(), operator.secret());

        console.openActions("Full administrator");
        WebElement edit = console.menuItem("Edit");
        assertThat(edit.getDomAttribute("aria-disabled")).isEqualTo("true");
        assertThat(edit.getText()).contains("This key's role (API Full Access) holds permissions your key does not:",
                "roles:write", "microtenants:write", "audit:read");
        edit.click();
        assertThat(console.driver().findElements(By.cssSelector("dialog[open]"))).isEmpty();
        console.menuItem("Delete").click();
        assertThat(console.driver().findElements(By.cssSelector("dialog[open]"))).isEmpty();
        console.driver().findElement(By.tagName("h1")).click();

        console.toggle("Full administrator");
        assertThat(console.rowMessage(console.row("Full administrator"))).contains("holds permissions your key does not");
        assertThat(console.cell(console.row("Full administrator"), "Status")).isEqualTo("Enabled");

        console.action("Reporting", "Edit");
        console.waitForDialog("Edit “Reporting”");
        List<WebElement> fullAccess = console.field("Role").findElements(By.xpath("option[starts-with(., 'API Full Access')]"));
        assertThat(fullAccess.getFirst().getText()).isEqualTo("API Full Access (exceeds your permissions)");
        assertThat(fullAccess.getFirst().isEnabled()).isFalse();
        assertThat(console.field("Role").findElement(By.xpath("option[. = 'Key reader']")).isEnabled()).isTrue();
        console.click("Cancel");
        console.waitForNoDialog();
    }

    @Test
    void aKeyThatMayOnlyReadCannotAddAndIsToldWhy() {
        Tenant tenant = newTenant();
        Key reader = keys.key(tenant.customerId(), roleNamed(tenant.customerId(), "API Read Only")).create();
        console.signIn(reader.clientId(), reader.secret());

        WebElement add = console.button("Add API key");
        assertThat(add.getDomAttribute("aria-disabled")).isEqualTo("true");
        add.click();

        assertThat(console.message()).isEqualTo("Your key does not hold the api-keys:write permission.");
        assertThat(console.driver().findElements(By.cssSelector("dialog[open]"))).isEmpty();
        console.openActions("key " + tenant.admin().clientId());
        assertThat(console.menuItem("Delete").getText()).contains("Your key does not hold the api-keys:write permission.");
    }

    @Test
    void aKeyManagedByAnOutsideSystemNamesItsOwnerAndOffersNoChange() {
        console.signIn(BOOTSTRAP_ID, BOOTSTRAP_SECRET);
        console.type("Search by name or client ID", MANAGED_CLIENT_ID);
        console.waitForSummary("1 API key matches the filters.");

        WebElement row = console.row("Deployment pipeline");
        assertThat(console.cell(row, "Name")).contains("Managed by terraform");
        assertThat(console.cell(row, "Actions")).isEqualTo("Read-only");
        assertThat(console.hasButton(row, "Actions for Deployment pipeline")).isFalse();
        console.toggle("Deployment pipeline");
        assertThat(console.rowMessage(row)).contains("Managed by terraform: change it there.");
    }

    @Test
    void theCustomerAndMicrotenantIdsAndEveryClientIdAreCopied() {
        Tenant tenant = newTenant();
        String europe = keys.newMicrotenant(tenant.customerId());
        Key confined = keys.key(tenant.customerId(), tenant.fullAccessRoleId()).microtenant(europe).create();
        rename(confined.clientId(), "Europe administrator");
        console.signIn(confined.clientId(), confined.secret());

        console.click("More actions");
        console.menuItem("Copy customer ID").click();
        console.waitUntil(d -> console.clipboard().equals(tenant.customerId()), "the customer ID in the clipboard");
        assertThat(console.message()).contains(tenant.customerId());
        console.click("More actions");
        console.menuItem("Copy microtenant ID").click();
        console.waitUntil(d -> console.clipboard().equals(europe), "the microtenant ID in the clipboard");
        console.click("Copy client ID of Europe administrator");
        console.waitUntil(d -> console.clipboard().equals(confined.clientId()), "the client ID in the clipboard");
        assertThat(console.announcement()).isEqualTo("Client ID copied to the clipboard.");

        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.click("More actions");
        assertThat(console.driver().findElements(By.xpath("//button[@aria-label='Copy microtenant ID']")))
                .as("a key of the whole customer has no microtenant").isEmpty();
    }

    private void assertSecretGone(String secret) {
        String everything = (String) console.script("return document.documentElement.outerHTML + "
                + "[...document.querySelectorAll('input, textarea')].map(e => e.value).join(' ')");
        assertThat(everything).doesNotContain(secret);
    }
}
