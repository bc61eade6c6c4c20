package dev.keymint.token;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Replaces the authorization store: tokens are self-contained, so issuing one writes nothing.
 * Nothing is looked up here either: introspection and revocation decide with keymint's own
 * providers ({@link TokenIntrospectionProvider}, {@link TokenRevocationProvider}) from the token
 * itself and its key as it is now.
 */
class StatelessAuthorizationService implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        // nothing is stored per authorization
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // nothing is stored per authorization
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
