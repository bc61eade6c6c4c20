package dev.keymint.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.keymint.apikey.ManagedKeysProperties.ManagedKey;
import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.role.RoleService;
import dev.keymint.tenant.InstallationRepository;
import dev.keymint.tenant.MicrotenantService;

/**
 * Brings the keys of {@code keymint.managed-keys} in line with the configuration at every start:
 * creates the missing ones and rewrites those that drifted, each change with its audit event.
 * Runs once the first start has created the customer and its predefined roles (the application
 * runners, which do that, finish before the application is ready). A mistake in the configuration
 * stops the start rather than leaving a key half-configured.
 */
@Component
public class ManagedKeys {

    static final String ACTOR = "configuration";
    private static final Logger log = LoggerFactory.getLogger(ManagedKeys.class);

    private final ManagedKeysProperties managed;
    private final ApiKeyProperties properties;
    private final ApiKeyRepository apiKeys;
    private final ClientSecrets secrets;
    private final RoleService roles;
    private final MicrotenantService microtenants;
    private final AuditLog auditLog;
    private final InstallationRepository installation;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ManagedKeys(ManagedKeysProperties managed, ApiKeyProperties properties, ApiKeyRepository apiKeys,
            ClientSecrets secrets, RoleService roles, MicrotenantService microtenants, AuditLog auditLog,
            InstallationRepository installation, TransactionTemplate transactions, Clock clock) {
        this.managed = managed;
        this.properties = properties;
        this.apiKeys = apiKeys;
        this.secrets = secrets;
        this.roles = roles;
        this.microtenants = microtenants;
        this.auditLog = auditLog;
        this.installation = installation;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void apply() {
        if (managed.managedKeys().isEmpty()) {
            return;
        }
        String customerId = installation.customerId();
        for (ManagedKey key : managed.managedKeys()) {
            try {
                transactions.executeWithoutResult(status -> apply(customerId, key));
            } catch (DuplicateKeyException e) {
                if (apiKeys.findByClientId(key.clientId()).isEmpty()) {
                    throw new IllegalStateException("keymint.managed-keys: the name '" + key.name() + "' of "
                            + key.clientId() + " is already used by another key", e);
                }
                // another instance starting at the same time created it first
                log.info("Managed key {} was created concurrently by another instance", key.clientId());
            }
        }
    }

    private void apply(String customerId, ManagedKey key) {
        String roleId = roles.idByName(customerId, key.role()).orElseThrow(() -> new IllegalStateException(
                "keymint.managed-keys: the key " + key.clientId() + " names the role '" + key.role()
                        + "', which does not exist"));
        if (key.microtenantId() != null && !microtenants.exists(customerId, key.microtenantId())) {
            throw new IllegalStateException("keymint.managed-keys: the key " + key.clientId()
                    + " names a microtenant that does not exist");
        }
        int sessionValidity = key.sessionValiditySeconds() == null ? properties.defaultSessionValiditySeconds()
                : key.sessionValiditySeconds();
        if (!properties.allowsSessionValidity(sessionValidity)) {
            throw new IllegalStateException("keymint.managed-keys: the session validity of " + key.clientId()
                    + " must be " + properties.sessionValidityRange());
        }
        ApiKeyStatus status = key.enabled() ? ApiKeyStatus.ENABLED : ApiKeyStatus.DISABLED;
        Instant now = clock.instant();
        Optional<ApiKey> existing = apiKeys.findByClientId(key.clientId());
        if (existing.isEmpty()) {
            apiKeys.insert(new NewApiKey(key.clientId(), customerId, key.microtenantId(), roleId, key.name(), status,
                    sessionValidity, hashOf(key), ClientSecrets.lookupDigest(key.clientSecret()), null, now, true,
                    key.managedBy()));
            auditLog.recordAs(ACTOR, customerId, AuditAction.API_KEY_CREATED, key.clientId(), key.microtenantId(),
                    AuditLog.details("name", key.name(), "roleId", roleId, "microtenantId", key.microtenantId(),
                            "sessionValiditySeconds", sessionValidity, "status", status.name(),
                            "managedBy", key.managedBy()));
            log.info("Created the managed key {} ({})", key.clientId(), key.managedBy());
            return;
        }
        ApiKey current = existing.get();
        if (!current.readOnly() || !current.customerId().equals(customerId)) {
            throw new IllegalStateException("keymint.managed-keys: the client ID " + key.clientId()
                    + " already belongs to a key that is not managed by configuration");
        }
        boolean secretChanged = key.clientSecretHash() != null ? !key.clientSecretHash().equals(current.secretHash())
                : !ClientSecrets.matches(key.clientSecret(), current.secretHash());
        Map<String, Object> changes = new LinkedHashMap<>(AuditLog.changes(
                "name", current.name(), key.name(), "roleId", current.roleId(), roleId,
                "microtenantId", current.microtenantId(), key.microtenantId(),
                "sessionValiditySeconds", current.sessionValiditySeconds(), sessionValidity,
                "status", current.status().name(), status.name(), "managedBy", current.managedBy(), key.managedBy()));
        if (secretChanged) {
            changes.put("secret", "replaced");
        }
        if (changes.isEmpty()) {
            return;
        }
        apiKeys.updateManaged(key.clientId(), new NewApiKey(key.clientId(), customerId, key.microtenantId(), roleId,
                key.name(), status, sessionValidity, secretChanged ? hashOf(key) : current.secretHash(),
                secretChanged ? ClientSecrets.lookupDigest(key.clientSecret()) : current.secretLookup(), null, now, true,
                key.managedBy()), secretChanged, now);
        auditLog.recordAs(ACTOR, customerId, AuditAction.API_KEY_UPDATED, key.clientId(), key.microtenantId(), changes);
        log.info("Updated the managed key {} to match the configuration: {}", key.clientId(), changes.keySet());
    }

    private String hashOf(ManagedKey key) {
        return key.clientSecretHash() != null ? key.clientSecretHash() : secrets.hash(key.clientSecret());
    }
}
