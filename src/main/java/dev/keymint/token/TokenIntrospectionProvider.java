package dev.keymint.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

import dev.keymint.token.ActiveAccessTokens.ActiveToken;

/**
 * Introspection (RFC 7662) in place of Spring Authorization Server's provider, which answers any
 * authenticated client about any token, and judges expiry by the system clock without the clock
 * skew the administration API allows. Here the answer is {@link ActiveAccessTokens}' (the same as
 * the administration API's), and only for a token of the caller's own customer: any other token
 * gets {@code {"active": false}}, the answer of a string that is no token at all. An active token
 * is shown as keymint honours it now: its {@code scope} narrowed to the permissions that still
 * count, {@code role} and {@code role_id} those of its key now.
 */
final class TokenIntrospectionProvider implements AuthenticationProvider {

    private final ActiveAccessTokens activeTokens;

    TokenIntrospectionProvider(ActiveAccessTokens activeTokens) {
        this.activeTokens = activeTokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        OAuth2ClientAuthenticationToken caller = AuthenticatedClients.of(request);
        String customerId = ApiKeyClients.customerId(caller.getRegisteredClient());
        OAuth2TokenIntrospection answer = activeTokens.find(request.getToken())
                .filter(active -> active.key().customerId().equals(customerId))
                .map(TokenIntrospectionProvider::introspection)
                .orElseGet(() -> OAuth2TokenIntrospection.builder().build());
        return new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), caller, answer);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static OAuth2TokenIntrospection introspection(ActiveToken active) {
        Jwt jwt = active.jwt();
        return OAuth2TokenIntrospection.withClaims(jwt.getClaims())
                .active(true)
                .claims(claims -> claims.remove(KeymintClaimNames.SCOPE))
                .scopes(scopes -> scopes.addAll(active.permissions()))
                .claim(KeymintClaimNames.ROLE, active.key().roleName())
                .claim(KeymintClaimNames.ROLE_ID, active.key().roleId())
                .tokenType(TokenType.BEARER.getValue())
                .build();
    }
}
