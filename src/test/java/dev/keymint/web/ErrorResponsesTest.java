package dev.keymint.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2Error;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The one writer of error bodies: RFC 9457 under /api/, RFC 6749 elsewhere, never cached. */
class ErrorResponsesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static MockHttpServletResponse answer(String path, ProblemType type) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ErrorResponses.write(new MockHttpServletRequest("POST", path), response, type, "invalid_request",
                "The request body is too large.");
        return response;
    }

    @Test
    void theAdministrationApiGetsAProblemOfKeymintsOwnType() throws Exception {
        MockHttpServletResponse response = answer("/api/v1/api-keys", ProblemType.CONTENT_TOO_LARGE);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keymint:problem:content-too-large");
        assertThat(problem.get("title").asString()).isEqualTo("Content too large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asString()).isEqualTo("The request body is too large.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/api-keys");
    }

    @Test
    void anOAuthEndpointGetsAnRfc6749ErrorWithTheSameStatus() throws Exception {
        MockHttpServletResponse response = answer("/oauth2/token", ProblemType.SERVICE_UNAVAILABLE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getContentAsString())
                .isEqualTo("{\"error_description\":\"The request body is too large.\",\"error\":\"invalid_request\"}");
    }

    @Test
    void anRfc6749ErrorKeepsSpringsMembersAndOrder() {
        assertThat(new String(ErrorResponses.oauth2ErrorJson(new OAuth2Error("invalid_scope", "No \"such\" scope.",
                "https://example/errors")))).isEqualTo("{\"error_description\":\"No \\\"such\\\" scope.\","
                        + "\"error\":\"invalid_scope\",\"error_uri\":\"https://example/errors\"}");
        assertThat(new String(ErrorResponses.oauth2ErrorJson(new OAuth2Error("invalid_client"))))
                .isEqualTo("{\"error\":\"invalid_client\"}");
    }

    @Test
    void whatWasWrittenBeforeTheErrorIsDiscarded() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getWriter().write("{\"half\":");

        ErrorResponses.write(new MockHttpServletRequest("GET", "/api/v1/roles"), response,
                ProblemType.SERVICE_UNAVAILABLE, "temporarily_unavailable", "The database is down.");

        assertThat(JSON.readTree(response.getContentAsString()).get("status").asInt()).isEqualTo(503);
    }

    @Test
    void everyProblemTypeIsAKeymintUrnNamedAfterItself() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.uri().toString()).isEqualTo("urn:keymint:problem:" + type.name().toLowerCase().replace('_', '-'));
            assertThat(type.problem("d").getStatus()).isEqualTo(type.status().value());
        }
    }
}
