package dev.keymint.token;

import java.time.Instant;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.role.RolePermissions;

/**
 * Who may revoke which token. The client the token was issued to, always; and an administrator of
 * the token's key: a key of the same customer whose role holds {@value #ADMINISTER_KEYS}, confined
 * to the key's microtenant when it is confined to one, and whose role holds every permission of
 * the token key's role (nobody acts on a key more powerful than itself). An administrator's
 * revocation is recorded in the audit log, in the transaction that records the revocation.
 *
 * <p>A token is judged by its signature and claims alone, active or not: a token that is inactive
 * for now (its key locked, or left without permissions) must stay revoked when it would count
 * again.
 */
@Component
class TokenRevocations {

    static final String ADMINISTER_KEYS = "api-keys:write";

    private final JwtDecoder accessTokenDecoder;
    private final ApiKeyRepository apiKeys;
    private final RolePermissions rolePermissions;
    private final RevokedTokens revokedTokens;
    private final AuditLog auditLog;

    TokenRevocations(JwtDecoder accessTokenDecoder, ApiKeyRepository apiKeys, RolePermissions rolePermissions,
            RevokedTokens revokedTokens, AuditLog auditLog) {
        this.accessTokenDecoder = accessTokenDecoder;
        this.apiKeys = apiKeys;
        this.rolePermissions = rolePermissions;
        this.revokedTokens = revokedTokens;
        this.auditLog = auditLog;
    }

    /** Revokes the token if it is one of keymint's and {@code caller} may revoke it; else does nothing. */
    @Transactional
    public void revokeIfAllowed(RegisteredClient caller, String token) {
        Jwt jwt;
        try {
            jwt = accessTokenDecoder.decode(token);
        } catch (JwtException e) {
            return;
        }
        String owner = jwt.getClaimAsString(KeymintClaimNames.CLIENT_ID);
        String jti = jwt.getId();
        Instant expiresAt = jwt.getExpiresAt();
        if (owner == null || jti == null || expiresAt == null) {
            return;
        }
        if (owner.equals(caller.getClientId())) {
            revokedTokens.revoke(jti, owner, expiresAt);
            return;
        }
        apiKeys.findByClientId(owner).filter(key -> administers(caller, key)).ifPresent(key -> {
            revokedTokens.revoke(jti, owner, expiresAt);
            auditLog.recordAs(caller.getClientId(), key.customerId(), AuditAction.API_KEY_TOKEN_REVOKED, owner,
                    key.microtenantId(), AuditLog.details("jti", jti, "expiresAt", expiresAt.toString()));
        });
    }

    private boolean administers(RegisteredClient caller, ApiKey key) {
        String callerMicrotenant = ApiKeyClients.microtenantId(caller);
        Set<String> held = caller.getScopes();
        return key.customerId().equals(ApiKeyClients.customerId(caller))
                && (callerMicrotenant == null || callerMicrotenant.equals(key.microtenantId()))
                && held.contains(ADMINISTER_KEYS)
                && held.containsAll(rolePermissions.of(key.roleId(), key.roleVersion()));
    }
}
