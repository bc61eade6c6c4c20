package dev.keymint.token;

import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import dev.keymint.token.ActiveAccessTokens.ActiveToken;

/**
 * Replaces the authorization store: tokens are self-contained, so issuing one writes nothing.
 * Looking a token up (introspection, revocation) finds only an active one (see
 * {@link ActiveAccessTokens}). Saving an authorization only matters for a revoked token.
 */
class StatelessAuthorizationService implements OAuth2AuthorizationService {

    private final ActiveAccessTokens activeTokens;
    private final ApiKeyClients clients;
    private final RevokedTokens revokedTokens;

    StatelessAuthorizationService(ActiveAccessTokens activeTokens, ApiKeyClients clients, RevokedTokens revokedTokens) {
        this.activeTokens = activeTokens;
        this.clients = clients;
        this.revokedTokens = revokedTokens;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
        if (token != null && token.isInvalidated() && token.getClaims() != null) {
            Object jti = token.getClaims().get("jti");
            if (jti != null && token.getToken().getExpiresAt() != null) {
                revokedTokens.revoke(jti.toString(), authorization.getRegisteredClientId(),
                        token.getToken().getExpiresAt());
            }
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // nothing is stored per authorization
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            return null;
        }
        return activeTokens.find(token).map(active -> toAuthorization(token, active)).orElse(null);
    }

    private OAuth2Authorization toAuthorization(String token, ActiveToken active) {
        Jwt jwt = active.jwt();
        RegisteredClient client = clients.toRegisteredClient(active.key());
        String scope = jwt.getClaimAsString("scope");
        OAuth2AccessToken accessToken = new OAuth2AccessToken(TokenType.BEARER, token, jwt.getIssuedAt(),
                jwt.getExpiresAt(), scope == null ? Set.of() : Set.of(scope.split(" ")));
        return OAuth2Authorization.withRegisteredClient(client)
                .id(jwt.getId())
                .principalName(client.getClientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
                .build();
    }
}
