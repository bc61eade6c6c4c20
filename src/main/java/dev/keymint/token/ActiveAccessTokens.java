package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.role.RolePermissions;

/**
 * Decides whether one of keymint's own access tokens is still active, and for what. Active: a
 * valid JWT (signature, {@code typ}, issuer, time within the clock skew) whose ID was not revoked
 * and whose key still vouches for it: it exists, is enabled, unlocked and unexpired, in the
 * token's customer and microtenant, has not voided older tokens (disabled, regenerated without
 * grace) since this one was issued, and still honours the secret that obtained it (the current
 * one, or the previous one during its grace). For what: the token's {@code scope} intersected
 * with what the key's role holds now, read at the role version that came with the key. A token
 * left with no permission is not active. Introspection and the administration API's resource
 * server both ask here, so they always agree.
 *
 * <p>Nothing of this is cached between requests except the permissions of a role version, which
 * never change (see {@link RolePermissions}): a key moved to another role or a permission taken
 * from a role counts from the first request after the change commits, on every instance.
 */
@Component
public class ActiveAccessTokens {

    /**
     * A verified, active token, the key behind it as it is now, and the permissions it counts for
     * now (never empty).
     */
    public record ActiveToken(Jwt jwt, ApiKey key, Set<String> permissions) {
    }

    private final JwtDecoder accessTokenDecoder;
    private final ApiKeyRepository apiKeys;
    private final RolePermissions rolePermissions;
    private final RevokedTokens revokedTokens;
    private final Clock clock;

    ActiveAccessTokens(JwtDecoder accessTokenDecoder, ApiKeyRepository apiKeys, RolePermissions rolePermissions,
            RevokedTokens revokedTokens, Clock clock) {
        this.accessTokenDecoder = accessTokenDecoder;
        this.apiKeys = apiKeys;
        this.rolePermissions = rolePermissions;
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
        String clientId = jwt.getClaimAsString(KeymintClaimNames.CLIENT_ID);
        if (clientId == null || jwt.getId() == null || revokedTokens.isRevoked(jwt.getId())) {
            return Optional.empty();
        }
        return apiKeys.findByClientId(clientId)
                .filter(key -> vouchesFor(key, jwt))
                .flatMap(key -> withPermissions(jwt, key));
    }

    private boolean vouchesFor(ApiKey key, Jwt jwt) {
        Instant now = clock.instant();
        Instant issuedAt = TokenIds.issuedAt(jwt.getId());
        String secretId = jwt.getClaimAsString(KeymintClaimNames.SECRET_ID);
        return key.isEnabled()
                && !key.isLockedAt(now)
                && !key.isExpiredAt(now)
                && issuedAt != null
                && !issuedAt.isBefore(key.tokensValidAfter())
                // a token that names no secret (issued before tokens did) is bound by tokensValidAfter alone
                && (secretId == null || key.honoursSecretIdAt(secretId, now))
                && key.customerId().equals(jwt.getClaimAsString(KeymintClaimNames.CUSTOMER_ID))
                && Objects.equals(key.microtenantId(), jwt.getClaimAsString(KeymintClaimNames.MICROTENANT_ID));
    }

    private Optional<ActiveToken> withPermissions(Jwt jwt, ApiKey key) {
        String scope = jwt.getClaimAsString(KeymintClaimNames.SCOPE);
        if (scope == null) {
            return Optional.empty();
        }
        Set<String> held = rolePermissions.of(key.roleId(), key.roleVersion());
        Set<String> permissions = new LinkedHashSet<>();
        for (String permission : scope.split(" ")) {
            if (held.contains(permission)) {
                permissions.add(permission);
            }
        }
        // "active" with no scope would still pass every resource server's "authenticated" rule
        return permissions.isEmpty() ? Optional.empty()
                : Optional.of(new ActiveToken(jwt, key, Collections.unmodifiableSet(permissions)));
    }
}
