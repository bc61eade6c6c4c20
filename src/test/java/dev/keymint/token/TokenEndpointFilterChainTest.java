package dev.keymint.token;

import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /oauth2/token} runs through its own, shorter chain (docs/architecture.md,
 * "Performance"); everything else the authorization server serves keeps the full one. A Spring
 * Security upgrade that changes the authorization server's filters shows here first.
 */
class TokenEndpointFilterChainTest extends KeymintHttpTest {

    @Autowired
    FilterChainProxy filterChainProxy;
    @Autowired
    ServletContext servletContext;

    SecurityFilterChain chainFor(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext, method, path);
        request.setServletPath(path);
        return filterChainProxy.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst()
                .orElseThrow();
    }

    static List<String> names(SecurityFilterChain chain) {
        return chain.getFilters().stream().map(Filter::getClass).map(Class::getSimpleName).toList();
    }

    @Test
    void aTokenRequestRunsOnlyTheFiltersThatActOnIt() {
        assertThat(names(chainFor("POST", "/oauth2/token"))).containsExactly(
                "AuthorizationServerContextFilter",
                "HeaderWriterFilter",
                "OAuth2ClientAuthenticationFilter",
                "ExceptionTranslationFilter",
                "AuthorizationFilter",
                "OAuth2TokenEndpointFilter");
    }

    @Test
    void everyOtherAuthorizationServerRequestKeepsTheFullChain() {
        SecurityFilterChain introspection = chainFor("POST", "/oauth2/introspect");
        assertThat(names(introspection)).contains("CsrfFilter", "OAuth2TokenIntrospectionEndpointFilter",
                "OAuth2TokenEndpointFilter");
        assertThat(chainFor("POST", "/oauth2/revoke")).isSameAs(introspection);
        assertThat(chainFor("GET", "/oauth2/jwks")).isSameAs(introspection);
        SecurityFilterChain tokenRequests = chainFor("POST", "/oauth2/token");
        assertThat(chainFor("GET", "/oauth2/token")).isNotSameAs(tokenRequests);
        // the same filter objects, configured once
        assertThat(tokenRequests.getFilters()).isSubsetOf(introspection.getFilters());
    }

    @Test
    void theShortChainAnswersAsTheFullOneDid() {
        Key key = keys.newKey(List.of("api-keys:read"));

        Http.Response issued = http.token(key.clientId(), key.secret());
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        assertThat(issued.header("Pragma")).isEqualTo("no-cache");
        assertThat(issued.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(issued.json().get("access_token").asString()).isNotBlank();

        Http.Response anonymous = http.postForm("/oauth2/token", null, "grant_type=client_credentials");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(anonymous.json().get("error_description").asString()).contains("Client authentication is required");

        Http.Response wrongGrant = http.postForm("/oauth2/token", Http.basic(key.clientId(), key.secret()),
                "grant_type=password&username=a&password=b");
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.json().get("error").asString()).isEqualTo("unsupported_grant_type");
    }
}
