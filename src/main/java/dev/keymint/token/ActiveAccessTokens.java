package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyRepository;

/**
 * Decides whether one of keymint's own access tokens is still active: a valid JWT (signature,
 * {@code typ}, issuer, time) whose ID was not revoked and whose key still vouches for it: it
 * exists, is enabled, unlocked and unexpired, has not voided older tokens (disabled, secret
 * regenerated without grace) since this one was issued, and still honours the secret that
 * obtained it (the current one, or the previous one during its grace). Introspection and the
 * administration API's resource server both ask here.
 */
@Component
public class ActiveAccessTokens {

    /** A verified, active token and the key behind it as it is now. */
    public record ActiveToken(Jwt jwt, ApiKey key) {
    }

    private final JwtDecoder accessTokenDecoder;
    private final ApiKeyRepository apiKeys;
    private final RevokedTokens revokedTokens;
    private final Clock clock;

    ActiveAccessTokens(JwtDecoder accessTokenDecoder, ApiKeyRepository apiKeys, RevokedTokens revokedTokens,
            Clock clock) {
        this.accessTokenDecoder = accessTokenDecoder;
        this.apiKeys = apiKeys;
        this.revokedTokens = revokedTokens;
        this.clock = clock;
    }

    /**
     * The active token, or empty when it is not (RFC 7662 does not say why, and neither does this).
     * A database failure propagates: "cannot tell" is not "inactive".
     */
    public Optional<ActiveToken> find(String token) {
        Jwt jwt;
        try {
            jwt = accessTokenDecoder.decode(token);
        } catch (JwtException e) {
            return Optional.empty();
        }
        String clientId = jwt.getClaimAsString("client_id");
        if (clientId == null || jwt.getId() == null || revokedTokens.isRevoked(jwt.getId())) {
            return Optional.empty();
        }
        return apiKeys.findByClientId(clientId)
                .filter(key -> vouchesFor(key, jwt))
                .map(key -> new ActiveToken(jwt, key));
    }

    /** For a resource server: the active token's JWT, or an exception that becomes a 401. */
    public Jwt requireActive(String token) {
        return find(token).map(ActiveToken::jwt)
                .orElseThrow(() -> new BadJwtException("The access token is invalid, expired, revoked, "
                        + "or its API key no longer allows it"));
    }

    private boolean vouchesFor(ApiKey key, Jwt jwt) {
        Instant now = clock.instant();
        Instant issuedAt = TokenIds.issuedAt(jwt.getId());
        String secretId = jwt.getClaimAsString(AccessTokenGenerator.SECRET_ID);
        return key.isEnabled()
                && !key.isLockedAt(now)
                && !key.isExpiredAt(now)
                && issuedAt != null
                && !issuedAt.isBefore(key.tokensValidAfter())
                // a token that names no secret (issued before tokens did) is bound by tokensValidAfter alone
                && (secretId == null || key.honoursSecretIdAt(secretId, now))
                && key.customerId().equals(jwt.getClaimAsString("customer_id"));
    }
}
