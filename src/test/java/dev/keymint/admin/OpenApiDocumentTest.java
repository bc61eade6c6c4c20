package dev.keymint.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keymint.support.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends AdminTestBase {

    static final Map<String, List<String>> ENDPOINTS = Map.ofEntries(
            Map.entry("/api/v1/customer", List.of("get")),
            Map.entry("/api/v1/api-keys", List.of("get", "post")),
            Map.entry("/api/v1/api-keys/{clientId}", List.of("get", "patch", "delete")),
            Map.entry("/api/v1/api-keys/{clientId}/secret", List.of("post")),
            Map.entry("/api/v1/api-keys/{clientId}/unlock", List.of("post")),
            Map.entry("/api/v1/api-keys/secret-reports", List.of("post")),
            Map.entry("/secret-scanning/reports", List.of("post")),
            Map.entry("/api/v1/roles", List.of("get", "post")),
            Map.entry("/api/v1/roles/{id}", List.of("get", "patch", "delete")),
            Map.entry("/api/v1/microtenants", List.of("get", "post")),
            Map.entry("/api/v1/microtenants/{id}", List.of("get", "patch", "delete")),
            Map.entry("/api/v1/audit-events", List.of("get")));

    @Test
    void documentsEveryEndpointOfTheAdministrationApiWithoutAuthentication() {
        Http.Response response = http.get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.get("openapi").asString()).startsWith("3.");
        JsonNode paths = document.get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());
        ENDPOINTS.forEach((path, methods) ->
                assertThat(paths.get(path).propertyNames()).as(path).containsAll(methods));
        assertThat(document.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(response.body()).doesNotContain("\"caller\"");
        ENDPOINTS.forEach((path, methods) -> methods.forEach(method -> assertThat(
                paths.get(path).get(method).get("responses").get("401").get("content").propertyNames())
                .as("%s %s", method, path).containsExactly("application/problem+json")));
        assertThat(paths.get("/api/v1/api-keys").get("post").get("responses").propertyNames()).contains("201", "400", "409");
        assertThat(paths.get("/api/v1/api-keys/{clientId}").get("delete").get("responses").propertyNames()).contains("204", "404");
        assertThat(paths.get("/api/v1/api-keys/{clientId}").get("patch").get("responses").propertyNames()).contains("200", "412");
        JsonNode keyView = document.get("components").get("schemas").get("ApiKeyView").get("properties");
        assertThat(keyView.propertyNames()).contains("clientId", "locked", "lockedUntil", "failedAttempts", "lastUsedAt",
                "readOnly", "managedBy").doesNotContain("secretHash", "clientSecret");
    }

    @Test
    void documentsTheProblemsThatComeBeforeAnyController() {
        JsonNode document = http.get("/v3/api-docs").json();
        JsonNode paths = document.get("paths");

        ENDPOINTS.forEach((path, methods) -> methods.forEach(method -> assertThat(
                paths.get(path).get(method).get("responses").propertyNames()).as("%s %s", method, path)
                .contains("503", "429")));
        // the partner endpoint overrides the document's bearer requirement with none
        JsonNode partnerSecurity = paths.get("/secret-scanning/reports").get("post").path("security");
        assertThat(partnerSecurity.isArray()).isTrue();
        assertThat(partnerSecurity.size()).isZero();
        assertThat(paths.get("/api/v1/roles").get("post").get("responses").propertyNames()).contains("413");
        assertThat(document.get("components").get("schemas").get("Problem").get("properties").get("type")
                .get("description").asString()).contains("urn:keymint:problem:service-unavailable",
                        "urn:keymint:problem:content-too-large", "urn:keymint:problem:too-many-requests");
    }
}
