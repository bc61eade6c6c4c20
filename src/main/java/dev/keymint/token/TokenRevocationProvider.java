package dev.keymint.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Revocation (RFC 7009) in place of Spring Authorization Server's provider, which answers an error
 * when the token belongs to another client: that tells whoever holds a token string that it is a
 * live token of someone else. Here every authenticated caller gets the same 200 with the same
 * (empty) body, whatever the token; {@link TokenRevocations} decides whether it is really revoked.
 */
final class TokenRevocationProvider implements AuthenticationProvider {

    private final TokenRevocations revocations;

    TokenRevocationProvider(TokenRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
        revocations.revokeIfAllowed(AuthenticatedClients.of(request).getRegisteredClient(), request.getToken());
        return request;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
