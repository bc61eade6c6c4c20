package dev.keymint.token;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client-credentials request without {@code scope} gets every permission of the key's role
 * (RFC 6749 §3.3 lets the server pick a default); Spring Authorization Server would grant none.
 */
class DefaultScopeTokenRequestConverter implements AuthenticationConverter {

    private final OAuth2ClientCredentialsAuthenticationConverter delegate = new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken token
                && token.getScopes().isEmpty()
                && token.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            return new OAuth2ClientCredentialsAuthenticationToken(client,
                    client.getRegisteredClient().getScopes(), token.getAdditionalParameters());
        }
        return converted;
    }
}
