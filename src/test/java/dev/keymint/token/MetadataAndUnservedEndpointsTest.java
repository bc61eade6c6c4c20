package dev.keymint.token;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 8414 metadata lists exactly what keymint serves, each URL in it answers, and the
 * endpoints Spring Authorization Server knows but keymint does not serve answer 404 with a JSON
 * error: never a login page, a redirect or a 500, and never a different answer for a known client.
 */
class MetadataAndUnservedEndpointsTest extends KeymintHttpTest {

    static final String ISSUER = "http://keymint.test";
    static final List<String> METHODS = List.of("client_secret_basic", "client_secret_post");
    static final List<String> UNSERVED = List.of("/oauth2/authorize", "/oauth2/par", "/oauth2/device_authorization",
            "/oauth2/device_verification", "/oauth2/register", "/connect/register", "/userinfo", "/connect/logout",
            "/.well-known/openid-configuration");

    JsonNode metadata() {
        Http.Response response = http.get("/.well-known/oauth-authorization-server");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    @Test
    void theMetadataListsExactlyWhatKeymintServes() {
        JsonNode metadata = metadata();

        assertThat(metadata.propertyNames()).containsExactlyInAnyOrder("issuer", "token_endpoint",
                "token_endpoint_auth_methods_supported", "jwks_uri", "scopes_supported", "grant_types_supported",
                "revocation_endpoint", "revocation_endpoint_auth_methods_supported", "introspection_endpoint",
                "introspection_endpoint_auth_methods_supported");
        assertThat(metadata.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(metadata.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(metadata.get("introspection_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/introspect");
        assertThat(metadata.get("revocation_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/revoke");
        assertThat(strings(metadata.get("grant_types_supported"))).containsExactly("client_credentials");
        for (String methods : List.of("token_endpoint_auth_methods_supported",
                "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported")) {
            assertThat(strings(metadata.get(methods))).as(methods).containsExactlyElementsOf(METHODS);
        }
        assertThat(strings(metadata.get("scopes_supported"))).contains("api-keys:read", "api-keys:write",
                "roles:read", "roles:write", "microtenants:read", "microtenants:write", "audit:read");
    }

    @Test
    void everyUrlInTheMetadataAnswers() {
        JsonNode metadata = metadata();
        Key key = keys.newKey(List.of("roles:read"));
        String basic = Http.basic(key.clientId(), key.secret());

        Http.Response jwks = http.get(local(metadata.get("jwks_uri")));
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").size()).isPositive();

        Http.Response token = http.postForm(local(metadata.get("token_endpoint")), basic, "grant_type=client_credentials");
        assertThat(token.status()).isEqualTo(200);
        String accessToken = token.json().get("access_token").asString();

        Http.Response introspection = http.postForm(local(metadata.get("introspection_endpoint")), basic,
                "token=" + accessToken);
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.json().get("active").asBoolean()).isTrue();

        Http.Response revocation = http.postForm(local(metadata.get("revocation_endpoint")), basic,
                "token=" + accessToken);
        assertThat(revocation.status()).isEqualTo(200);

        for (String endpoint : List.of("token_endpoint", "introspection_endpoint", "revocation_endpoint")) {
            Http.Response anonymous = http.postForm(local(metadata.get(endpoint)), null, "token=x");
            assertThat(anonymous.status()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.json().get("error").asString()).isEqualTo("invalid_client");
        }
    }

    @Test
    void endpointsKeymintDoesNotServeAnswer404WithAJsonError() {
        Key key = keys.newKey(List.of("roles:read"));
        String query = "?response_type=code&client_id=" + key.clientId() + "&redirect_uri=https://client.example/cb"
                + "&code_challenge=" + "x".repeat(43) + "&code_challenge_method=S256&scope=roles:read";
        String form = "client_id=" + key.clientId() + "&response_type=code&scope=roles:read";

        for (String path : UNSERVED) {
            for (Http.Response response : List.of(http.get(path), http.get(path + query),
                    http.postForm(path, null, form), http.postForm(path, Http.basic(key.clientId(), key.secret()), form))) {
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
                assertThat(response.header("Location")).as(path).isNull();
                assertThat(response.json().get("error").asString()).isEqualTo("not_found");
                assertThat(response.json().get("error_description").asString())
                        .contains(path, "client_credentials", "/oauth2/token");
            }
        }
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }

    @Test
    void theAuthorizationEndpointAnswersAKnownAndAnUnknownClientAlike() {
        Key key = keys.newKey(List.of("roles:read"));

        Http.Response known = http.get("/oauth2/authorize?response_type=code&client_id=" + key.clientId());
        Http.Response unknown = http.get("/oauth2/authorize?response_type=code&client_id=kmc_unknown" + System.nanoTime());

        ClientAuthenticationMethodsTest.assertSameAnswer(known, unknown);
    }

    private String local(JsonNode url) {
        String value = url.asString();
        assertThat(value).startsWith(ISSUER + "/");
        return value.substring(ISSUER.length());
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }
}
