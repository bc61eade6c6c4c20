package dev.keymint.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.apikey.NewApiKey;

/**
 * Test data written straight into the database the application uses: customers, roles and
 * keys, so that token tests do not depend on the administration API.
 */
public class TestKeys {

    public record Key(String clientId, String secret, String customerId, String roleId) {
    }

    private final JdbcClient jdbc;
    private final ApiKeyRepository apiKeys;
    private final ClientSecrets secrets;
    private final Clock clock;

    public TestKeys(JdbcClient jdbc, ApiKeyRepository apiKeys, ClientSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.apiKeys = apiKeys;
        this.secrets = secrets;
        this.clock = clock;
    }

    public String installationCustomerId() {
        return jdbc.sql("SELECT customer_id FROM installation WHERE id = 1").query(String.class).single();
    }

    public String newCustomer() {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO customer (id, name, created_at) VALUES (?, ?, ?)")
                .params(id, "customer " + id, clock.millis()).update();
        return id;
    }

    public String newMicrotenant(String customerId) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO microtenant (id, customer_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, customerId, "mt " + id, clock.millis(), clock.millis()).update();
        return id;
    }

    public String newRole(String customerId, Collection<String> permissions) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO role (id, customer_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, customerId, "role " + id, clock.millis(), clock.millis()).update();
        permissions.forEach(p -> jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)")
                .params(id, p).update());
        return id;
    }

    /** A key of the installation's customer whose new role holds exactly {@code permissions}. */
    public Key newKey(Collection<String> permissions) {
        String customerId = installationCustomerId();
        return key(customerId, newRole(customerId, permissions)).create();
    }

    /**
     * A key of {@code customerId} with {@code roleId}: no microtenant, 3600 s of session validity
     * and no expiry unless the builder says otherwise.
     */
    public KeyBuilder key(String customerId, String roleId) {
        return new KeyBuilder(customerId, roleId);
    }

    public final class KeyBuilder {

        private final String customerId;
        private final String roleId;
        private @Nullable String microtenantId;
        private int sessionValiditySeconds = 3600;
        private @Nullable Instant expiresAt;

        private KeyBuilder(String customerId, String roleId) {
            this.customerId = customerId;
            this.roleId = roleId;
        }

        public KeyBuilder microtenant(@Nullable String microtenantId) {
            this.microtenantId = microtenantId;
            return this;
        }

        public KeyBuilder sessionValiditySeconds(int seconds) {
            this.sessionValiditySeconds = seconds;
            return this;
        }

        public KeyBuilder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Key create() {
            String clientId = secrets.newClientId();
            String secret = secrets.newSecret();
            apiKeys.insert(new NewApiKey(clientId, customerId, microtenantId, roleId, "key " + clientId,
                    ApiKeyStatus.ENABLED, sessionValiditySeconds, secrets.hash(secret), ClientSecrets.lookupDigest(secret), expiresAt, clock.instant(),
                    false, null));
            return new Key(clientId, secret, customerId, roleId);
        }
    }

    public void setStatus(String clientId, ApiKeyStatus status) {
        jdbc.sql("UPDATE api_key SET status = ? WHERE client_id = ?").params(status.name(), clientId).update();
    }

    public int failedAttempts(String clientId) {
        return jdbc.sql("SELECT failed_attempts FROM api_key WHERE client_id = ?").param(clientId)
                .query(Integer.class).single();
    }

    public @Nullable Long lockedUntil(String clientId) {
        return jdbc.sql("SELECT locked_until FROM api_key WHERE client_id = ?").param(clientId)
                .query(Long.class).optional().orElse(null);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }
}
