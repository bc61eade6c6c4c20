package dev.keymint.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import dev.keymint.json.JsonWriter;

/**
 * {@code GET /.well-known/oauth-authorization-server} (RFC 8414), listing exactly what keymint
 * serves: the token endpoint with the client-credentials grant, the JWK Set, introspection and
 * revocation, each with the two client authentication methods keymint supports, and the
 * permission catalogue as scopes.
 *
 * <p>In place of Spring Authorization Server's metadata endpoint, which lists what the whole
 * framework could serve (authorization endpoint, response types, PKCE, DPoP, mTLS) and whose
 * metadata builder refuses a document without {@code authorization_endpoint}, so that its
 * customizer cannot remove it. RFC 8414 requires that member only of a server with a grant that
 * uses the authorization endpoint; keymint has none. The document never changes while keymint
 * runs, so it is written once.
 */
final class AuthorizationServerMetadataFilter extends OncePerRequestFilter {

    static final String PATH = "/.well-known/oauth-authorization-server";

    private final RequestMatcher matcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, PATH);
    private final byte[] document;

    AuthorizationServerMetadataFilter(AuthorizationServerSettings settings, List<String> scopes) {
        String issuer = settings.getIssuer();
        List<String> methods = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
                ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("token_endpoint", url(issuer, settings.getTokenEndpoint()));
        metadata.put("token_endpoint_auth_methods_supported", methods);
        metadata.put("jwks_uri", url(issuer, settings.getJwkSetEndpoint()));
        metadata.put("scopes_supported", scopes);
        metadata.put("grant_types_supported", List.of(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()));
        metadata.put("revocation_endpoint", url(issuer, settings.getTokenRevocationEndpoint()));
        metadata.put("revocation_endpoint_auth_methods_supported", methods);
        metadata.put("introspection_endpoint", url(issuer, settings.getTokenIntrospectionEndpoint()));
        metadata.put("introspection_endpoint_auth_methods_supported", methods);
        this.document = JsonWriter.write(metadata).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!matcher.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    private static String url(String issuer, String path) {
        return UriComponentsBuilder.fromUriString(issuer).path(path).toUriString();
    }
}
