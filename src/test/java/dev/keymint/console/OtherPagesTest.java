package dev.keymint.console;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import dev.keymint.support.AdminApi;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The Roles, Microtenants, Audit log and Signing keys pages in a real browser. */
class OtherPagesTest extends ConsoleTestBase {

    @Test
    void customRolesAreAddedEditedAndDeletedFromThePermissionCatalogueAndPredefinedOnesAreReadOnly() {
        Tenant tenant = newTenant();
        AdminApi admin = AdminApi.as(http, tenant.admin().clientId(), tenant.admin().secret());
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.go("Roles");
        assertThat(console.cell(console.row("API Full Access"), "Actions")).isEqualTo("Read-only");
        assertThat(console.cell(console.row("API Full Access"), "Keys")).isEqualTo("1");

        console.click("Add role");
        console.type("Name", "Key auditor");
        console.type("Description", "Reads keys and the audit log");
        console.field("api-keys:read").click();
        console.field("audit:read").click();
        console.click("Add role");
        console.waitForNoDialog();

        WebElement row = console.row("Key auditor");
        assertThat(console.cell(row, "Permissions")).contains("api-keys:read", "audit:read").doesNotContain("roles:read");
        JsonNode created = roleNamed(admin, "Key auditor");
        assertThat(created.get("permissions").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("api-keys:read", "audit:read");

        console.click("Edit Key auditor");
        console.waitForDialog("Edit the role “Key auditor”");
        console.waitUntil(d -> console.field("audit:read").isSelected(), "the role's permissions");
        console.field("roles:read").click();
        console.field("audit:read").click();
        console.click("Save changes");
        console.waitForNoDialog();
        console.waitUntil(d -> console.cell(console.row("Key auditor"), "Permissions").contains("roles:read"), "the change");
        assertThat(roleNamed(admin, "Key auditor").get("permissions").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("api-keys:read", "roles:read");

        keys.key(tenant.customerId(), created.get("id").asString()).create();
        console.click("Refresh");
        console.waitUntil(d -> console.cell(console.row("Key auditor"), "Keys").equals("1"), "the key count");
        console.click("Delete Key auditor");
        assertThat(console.rowMessage(console.row("Key auditor"))).contains("1 key holds this role: give them another role first.");
        keys.jdbc().sql("DELETE FROM api_key WHERE role_id = ?").param(created.get("id").asString()).update();
        console.click("Refresh");
        console.waitUntil(d -> console.cell(console.row("Key auditor"), "Keys").equals("0"), "no key");
        console.click("Delete Key auditor");
        console.waitForDialog("Delete the role “Key auditor”?");
        console.click("Delete role");
        console.waitForNoDialog();
        console.waitUntil(d -> !console.hasRow("Key auditor"), "the role to go");
        assertThat(admin.get("/api/v1/roles/" + created.get("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void anAdministratorConfinedToAMicrotenantIsToldWhyItCannotChangeRolesOrMicrotenants() {
        Tenant tenant = newTenant();
        String europe = keys.newMicrotenant(tenant.customerId());
        Key confined = keys.key(tenant.customerId(), tenant.fullAccessRoleId()).microtenant(europe).create();
        console.signIn(confined.clientId(), confined.secret());

        console.go("Roles");
        console.click("Add role");
        assertThat(console.message()).isEqualTo(
                "Roles are shared by the whole customer: a key confined to a microtenant cannot change them.");
        console.go("Microtenants");
        assertThat(console.column("Name")).hasSize(1);
        console.click("Add microtenant");
        assertThat(console.message()).isEqualTo(
                "Your key is confined to a microtenant: it cannot create or delete microtenants.");
    }

    @Test
    void microtenantsAreAddedRenamedAndDeletedAndLeadToTheirKeys() {
        Tenant tenant = newTenant();
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.go("Microtenants");

        console.click("Add microtenant");
        console.type("Name", "Europe");
        console.type("Description", "EU workloads");
        console.click("Add microtenant");
        console.waitForNoDialog();
        WebElement row = console.row("Europe");
        String id = console.cell(row, "Microtenant ID").replace("Copy", "").trim();
        console.click("Copy the ID of Europe");
        console.waitUntil(d -> console.clipboard().equals(id), "the ID in the clipboard");

        console.click("Edit Europe");
        console.waitForDialog("Edit the microtenant “Europe”");
        console.waitUntil(d -> console.field("Description").getDomProperty("value").equals("EU workloads"), "its values");
        console.type("Name", "EU");
        console.click("Save changes");
        console.waitForNoDialog();
        console.row("EU");

        Key key = keys.key(tenant.customerId(), roleNamed(tenant.customerId(), "API Read Only"))
                .microtenant(id).create();
        rename(key.clientId(), "EU service");
        console.click("Refresh");
        console.waitUntil(d -> console.cell(console.row("EU"), "Keys").equals("1"), "the key count");
        console.click("Delete EU");
        assertThat(console.rowMessage(console.row("EU"))).contains("1 key is in this microtenant");
        console.row("EU").findElement(org.openqa.selenium.By.linkText("1")).click();
        console.waitForHeading("API Keys");
        console.waitForSummary("1 API key matches the filters.");
        assertThat(console.chosen("Microtenant")).isEqualTo("EU");
        assertThat(console.column("Name")).containsExactly("EU service");

        keys.jdbc().sql("DELETE FROM api_key WHERE client_id = ?").param(key.clientId()).update();
        console.go("Microtenants");
        console.click("Delete EU");
        console.waitForDialog("Delete the microtenant “EU”?");
        console.click("Delete microtenant");
        console.waitForNoDialog();
        console.waitUntil(d -> console.column("Name").isEmpty(), "no microtenant");
    }

    @Test
    void theAuditLogIsFilteredAndPaged() {
        Tenant tenant = newTenant();
        AdminApi admin = AdminApi.as(http, tenant.admin().clientId(), tenant.admin().secret());
        for (int i = 1; i <= 25; i++) {
            assertThat(admin.post("/api/v1/roles", "{\"name\":\"Role %02d\",\"permissions\":[\"audit:read\"]}".formatted(i))
                    .status()).isEqualTo(201);
        }
        assertThat(admin.post("/api/v1/microtenants", "{\"name\":\"Europe\"}").status()).isEqualTo(201);
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.go("Audit log");

        assertThat(console.listSummary()).isEqualTo("26 events.");
        assertThat(console.column("Action").getFirst()).isEqualTo("microtenant.created");
        console.choose("Rows per page", "20");
        console.waitUntil(d -> console.pageRange().equals("1–20 of 26"), "the first page");
        console.click("Next page");
        console.waitUntil(d -> console.pageRange().equals("21–26 of 26"), "the second page");
        assertThat(console.column("Details")).last().asString().contains("name: Role 01");

        console.type("Type", "role.created");
        console.click("Apply filters");
        console.waitForSummary("25 events.");
        console.type("Type", "microtenant");
        console.click("Apply filters");
        console.waitForSummary("1 event.");
        console.type("Actor", "kmc_nobody");
        console.click("Apply filters");
        console.waitForSummary("0 events.");
        assertThat(console.pageText()).contains("No audit event matches the filters.");

        console.click("Clear filters");
        // the date pickers' keyboard entry differs by locale: set their values as a picker would
        console.script("arguments[0].value = '2030-01-01T12:00'; arguments[1].value = '2029-01-01T12:00';",
                console.field("From"), console.field("To"));
        console.click("Apply filters");
        assertThat(console.fieldError("To")).isEqualTo("must be after from");
    }

    @Test
    void theSigningKeysPageShowsTheKeyThatSignedTheSessionAmongThePublishedOnes() {
        Key key = keys.newKey(List.of("api-keys:read"));
        String token = http.token(key.clientId(), key.secret()).json().get("access_token").asString();
        String kid = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]))
                .get("kid").asString();
        int published = http.get("/oauth2/jwks").json().get("keys").size();
        console.signIn(key.clientId(), key.secret());

        console.go("Signing keys");

        assertThat(console.definition("Current key ID (kid)")).isEqualTo(kid);
        assertThat(console.pageText()).contains("Published keys\n" + published);
        WebElement row = console.driver().findElement(org.openqa.selenium.By.xpath(
                "//main//table/tbody/tr[td[1]/code[.=" + Console.literal(kid) + "]]"));
        assertThat(console.cell(row, "State")).isEqualTo("Signing");
        assertThat(console.cell(row, "Use")).isEqualTo("Signature");
        assertThat(console.cell(row, "Algorithm")).isEqualTo("RS256");
    }

    private static JsonNode roleNamed(AdminApi admin, String name) {
        return admin.get("/api/v1/roles?pageSize=500").json().get("items").values().stream()
                .filter(role -> role.get("name").asString().equals(name)).findFirst().orElseThrow();
    }
}
