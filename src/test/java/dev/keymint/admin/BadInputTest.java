package dev.keymint.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile and clumsy input gets a 4xx problem a person can act on, never a 5xx. */
class BadInputTest extends AdminTestBase {

    AdminApi admin;
    String roleId;
    Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        admin = tenant.api();
        roleId = tenant.fullRoleId();
    }

    @Test
    void malformedJsonIsA400() {
        Http.Response response = admin.post("/api/v1/api-keys", "{\"name\": \"x\", ");
        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).contains("not valid JSON");
        assertProblem(admin.post("/api/v1/api-keys", "not json at all"), 400);
        assertProblem(admin.post("/api/v1/api-keys", "[1,2,3]"), 400);
        assertProblem(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId) + " trailing"), 400);
        assertProblem(admin.post("/api/v1/api-keys", ""), 400);
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        Http.Response response = admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId, "readOnly", true));

        assertThat(errorFields(response)).containsExactly("readOnly");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("sessionValiditySeconds");
        assertThat(errorFields(admin.patch("/api/v1/api-keys/" + BOOTSTRAP_ID, json("secret", "x")))).containsExactly("secret");
        assertThat(admin.get("/api/v1/api-keys").json().get("totalCount").asLong()).isEqualTo(1);
    }

    @Test
    void wrongTypesAreNamedByField() {
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", 123, "roleId", roleId)))).containsExactly("name");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "sessionValiditySeconds", raw("\"3600\""))))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "sessionValiditySeconds", "abc")))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "sessionValiditySeconds", 1.5)))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "enabled", raw("\"yes\""))))).containsExactly("enabled");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", raw("[1]"))))).containsExactly("roleId");
        assertThat(errorFields(admin.post("/api/v1/roles", json("name", "x", "permissions", raw("\"roles:read\"")))))
                .containsExactly("permissions");
    }

    @Test
    void outOfRangeAndHugeNumbersAreA400() {
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "sessionValiditySeconds", raw("99999999999999999999999999"))))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "lifetimeDays", raw("1e400"))))).containsExactly("lifetimeDays");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "sessionValiditySeconds", -1)))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x", "roleId", roleId,
                "lifetimeDays", 100000)))).containsExactly("lifetimeDays");
        assertThat(errorFields(admin.post("/api/v1/api-keys/" + admin.get("/api/v1/api-keys").json().get("items").get(0)
                .get("clientId").asString() + "/secret", json("graceSeconds", raw("99999999999999"))))).containsExactly("graceSeconds");
    }

    @Test
    void emptyBlankHugeAndControlCharacterNamesAreA400() {
        for (Raw name : List.of(raw("\"\""), raw("\"   \""), raw("\"" + "x".repeat(129) + "\""),
                raw("\"" + "x".repeat(10_000) + "\""), raw("\"tab\\there\""), raw("\"new\\nline\""))) {
            assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", name, "roleId", roleId))))
                    .as("name %s", name.json().length() > 40 ? name.json().length() + " characters" : name.json())
                    .containsOnly("name");
            assertThat(errorFields(admin.post("/api/v1/roles", json("name", name, "permissions", raw("[]"))))).containsOnly("name");
            assertThat(errorFields(admin.post("/api/v1/microtenants", json("name", name)))).containsOnly("name");
        }
        String maximal = "é".repeat(126) + "😀";
        Http.Response created = admin.post("/api/v1/api-keys", json("name", maximal, "roleId", roleId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo(maximal);
    }

    @Test
    void negativeAndOversizedPagingIsA400() {
        for (String path : List.of("/api/v1/api-keys", "/api/v1/roles", "/api/v1/microtenants", "/api/v1/audit-events")) {
            assertThat(errorFields(admin.get(path + "?page=-1"))).containsExactly("page");
            assertThat(errorFields(admin.get(path + "?pageSize=-5"))).containsExactly("pageSize");
            assertThat(errorFields(admin.get(path + "?pageSize=100000"))).containsExactly("pageSize");
            assertThat(errorFields(admin.get(path + "?page=1e99"))).containsExactly("page");
        }
    }

    @Test
    void unknownAndPathTraversalIdsAreNotFoundOrRejected() {
        for (String id : List.of("kmc_doesnotexist", "x".repeat(500), "%27%20OR%201%3D1--", "...", "kmc_%E2%82%AC")) {
            assertProblem(admin.get("/api/v1/api-keys/" + id), 404);
            assertProblem(admin.get("/api/v1/roles/" + id), 404);
            assertProblem(admin.get("/api/v1/microtenants/" + id), 404);
        }
        for (String id : List.of("..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc", "kmc_x;jsessionid=1",
                "a%00b", "..%5C..%5Cwin")) {
            Http.Response response = admin.get("/api/v1/api-keys/" + id);
            assertThat(response.status()).as(id).isBetween(400, 404);
        }
    }

    @Test
    void aBodyOverOneMebibyteIsA413() {
        String huge = json("name", "x".repeat(1024 * 1024 + 10), "roleId", roleId);

        Http.Response response = admin.post("/api/v1/api-keys", huge);

        assertProblem(response, 413);
    }

    @Test
    void aTooLargeBodyAndARejectedUrlAreProblemsOfKeymintsOwnTypes() {
        Http.Response tooLarge = admin.post("/api/v1/api-keys", json("name", "x".repeat(1024 * 1024 + 10), "roleId", roleId));
        Http.Response rejected = admin.get("/api/v1/api-keys/kmc_x;jsessionid=1");

        assertProblem(tooLarge, 413);
        assertThat(tooLarge.json().get("type").asString()).isEqualTo("urn:keymint:problem:content-too-large");
        assertProblem(rejected, 400);
        assertThat(rejected.json().get("type").asString()).isEqualTo("urn:keymint:problem:invalid-request");
    }

    String bearer() {
        return "Bearer " + http.token(tenant.adminKey().clientId(), tenant.adminKey().secret()).json().get("access_token").asString();
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsA413Too() {
        byte[] huge = json("name", "x".repeat(1024 * 1024 + 10), "roleId", roleId).getBytes(StandardCharsets.UTF_8);
        assertProblem(http.postChunked("/api/v1/api-keys", bearer(), "application/json", huge), 413);
        assertThat(admin.get("/api/v1/api-keys?search=xxxxxxxx").json().get("totalCount").asInt()).isZero();
    }

    @Test
    void aChunkedBodyOfNormalSizeIsReadAsUsual() {
        byte[] body = json("name", "sent in chunks", "roleId", roleId).getBytes(StandardCharsets.UTF_8);
        Http.Response created = http.postChunked("/api/v1/api-keys", bearer(), "application/json", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo("sent in chunks");
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAreProblemsToo() {
        HttpRequest textBody = HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + http.token(BOOTSTRAP_ID, BOOTSTRAP_SECRET).json().get("access_token").asString())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x", StandardCharsets.UTF_8))
                .build();
        assertProblem(http.send(textBody), 415);
        assertProblem(admin.send("PUT", "/api/v1/api-keys/" + BOOTSTRAP_ID, json("name", "x"), null), 405);
        assertProblem(admin.get("/api/v1/no-such-thing"), 404);
    }
}
