package dev.keymint.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import dev.keymint.apikey.ApiKey;
import dev.keymint.role.RolePermissions;

/**
 * An API key seen as the authorization server's {@link RegisteredClient}: its role's permissions
 * are the scopes it may ask for, and what the token generator needs rides in the client
 * settings.
 *
 * <p>A client is made once per shape of key and reused by every request that reads the key in
 * that shape: the cache is keyed by every field the client is made of (the permissions by the
 * role's version, see {@link RolePermissions}), so a changed key or role is a new entry, never a
 * stale one.
 */
@Component
public class ApiKeyClients {

    static final String CUSTOMER_ID = "keymint.customer-id";
    static final String MICROTENANT_ID = "keymint.microtenant-id";
    static final String ROLE_ID = "keymint.role-id";
    static final String ROLE_NAME = "keymint.role-name";
    static final String EXPIRES_AT = "keymint.expires-at";

    /** Every field of a key that its registered client is made of. */
    private record ClientShape(String clientId, Instant createdAt, String name, String customerId,
            String microtenantId, String roleId, String roleName, long roleVersion, Instant expiresAt,
            int sessionValiditySeconds) {

        ClientShape(ApiKey key) {
            this(key.clientId(), key.createdAt(), key.name(), key.customerId(), key.microtenantId(), key.roleId(),
                    key.roleName(), key.roleVersion(), key.expiresAt(), key.sessionValiditySeconds());
        }
    }

    private final RolePermissions rolePermissions;
    // A client is a few kilobytes (settings maps, scope sets). Weak values: one in use by a
    // request, or used again between two young collections (a busy key), is found; the rest
    // goes with the next young collection instead of filling the small old generation
    // (docs/architecture.md, "Threads, pool, JVM") when requests spread over many keys.
    private final Cache<ClientShape, RegisteredClient> clients = Caffeine.newBuilder()
            .maximumSize(1_000)
            .weakValues()
            .build();

    public ApiKeyClients(RolePermissions rolePermissions) {
        this.rolePermissions = rolePermissions;
    }

    public RegisteredClient toRegisteredClient(ApiKey key) {
        return clients.get(new ClientShape(key), this::build);
    }

    private RegisteredClient build(ClientShape key) {
        Set<String> permissions = rolePermissions.of(key.roleId(), key.roleVersion());
        ClientSettings.Builder settings = ClientSettings.builder()
                .setting(CUSTOMER_ID, key.customerId())
                .setting(ROLE_ID, key.roleId())
                .setting(ROLE_NAME, key.roleName());
        if (key.microtenantId() != null) {
            settings.setting(MICROTENANT_ID, key.microtenantId());
        }
        if (key.expiresAt() != null) {
            settings.setting(EXPIRES_AT, key.expiresAt());
        }
        return RegisteredClient.withId(key.clientId())
                .clientId(key.clientId())
                .clientIdIssuedAt(key.createdAt())
                .clientName(key.name())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(permissions))
                .clientSettings(settings.build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(Duration.ofSeconds(key.sessionValiditySeconds()))
                        .build())
                .build();
    }

    static String customerId(RegisteredClient client) {
        return client.getClientSettings().getSetting(CUSTOMER_ID);
    }

    static @Nullable String microtenantId(RegisteredClient client) {
        return client.getClientSettings().getSetting(MICROTENANT_ID);
    }

    static String roleId(RegisteredClient client) {
        return client.getClientSettings().getSetting(ROLE_ID);
    }

    static String roleName(RegisteredClient client) {
        return client.getClientSettings().getSetting(ROLE_NAME);
    }

    static @Nullable Instant expiresAt(RegisteredClient client) {
        return client.getClientSettings().getSetting(EXPIRES_AT);
    }
}
