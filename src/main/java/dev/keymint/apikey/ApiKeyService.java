package dev.keymint.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.caller.Caller;
import dev.keymint.common.ConflictException;
import dev.keymint.common.InvalidInputException.FieldProblem;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.NotFoundException;
import dev.keymint.common.Page;
import dev.keymint.common.Versions;
import dev.keymint.lockout.LockoutService;
import dev.keymint.role.RolePermissions;
import dev.keymint.role.RoleService;
import dev.keymint.role.TrustPolicy;
import dev.keymint.tenant.MicrotenantService;

/**
 * The life of an API key as administrators see it. Every read and write is confined to the
 * caller's customer and, for a confined caller, its microtenant: a key outside is "not found".
 * Every change is one transaction with its audit event; edits are conditional on the version
 * read, so that of concurrent edits naming the same version exactly one wins. Which keys and roles
 * the caller may touch at all is decided by the {@link TrustPolicy}, after the scope check.
 */
@Service
public class ApiKeyService {

    private static final String NOT_FOUND = "No API key with this client ID exists.";

    private final ApiKeyRepository apiKeys;
    private final ClientSecrets secrets;
    private final RoleService roles;
    private final RolePermissions rolePermissions;
    private final TrustPolicy trust;
    private final MicrotenantService microtenants;
    private final LockoutService lockout;
    private final AuditLog auditLog;
    private final ApiKeyProperties properties;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository apiKeys, ClientSecrets secrets, RoleService roles,
            RolePermissions rolePermissions, TrustPolicy trust, MicrotenantService microtenants, LockoutService lockout,
            AuditLog auditLog, ApiKeyProperties properties, Clock clock) {
        this.apiKeys = apiKeys;
        this.secrets = secrets;
        this.roles = roles;
        this.rolePermissions = rolePermissions;
        this.trust = trust;
        this.microtenants = microtenants;
        this.lockout = lockout;
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public IssuedSecret create(Caller caller, ApiKeyDraft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        checkSessionValidity(draft.sessionValiditySeconds(), problems);
        if (draft.lifetimeDays() != null && (draft.lifetimeDays() < 1 || draft.lifetimeDays() > properties.maxLifetimeDays())) {
            problems.add(new FieldProblem("lifetimeDays", "must be between 1 and " + properties.maxLifetimeDays()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String microtenantId = draft.microtenantId() == null ? caller.microtenantId() : draft.microtenantId();
        if (microtenantId != null && (caller.isMicrotenantScoped() && !microtenantId.equals(caller.microtenantId())
                || !microtenants.exists(caller.customerId(), microtenantId))) {
            throw new NotFoundException("No microtenant with this ID exists.");
        }
        trust.requireHeld(caller, permissionsOfRole(caller, draft.roleId()), "create an API key with this role",
                AuditAction.API_KEY_CREATED, null, microtenantId);

        Instant now = clock.instant();
        String clientId = secrets.newClientId();
        String secret = secrets.newSecret();
        int sessionValidity = draft.sessionValiditySeconds() == null ? properties.defaultSessionValiditySeconds()
                : draft.sessionValiditySeconds();
        Instant expiresAt = draft.lifetimeDays() == null ? null : now.plus(Duration.ofDays(draft.lifetimeDays()));
        ApiKeyStatus status = Boolean.FALSE.equals(draft.enabled()) ? ApiKeyStatus.DISABLED : ApiKeyStatus.ENABLED;
        try {
            apiKeys.insert(new NewApiKey(clientId, caller.customerId(), microtenantId, draft.roleId(), draft.name(),
                    status, sessionValidity, secrets.hash(secret), ClientSecrets.lookupDigest(secret), expiresAt, now, false, null));
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        auditLog.record(caller, AuditAction.API_KEY_CREATED, clientId, microtenantId, AuditLog.details(
                "name", draft.name(), "roleId", draft.roleId(), "microtenantId", microtenantId,
                "sessionValiditySeconds", sessionValidity, "expiresAt", expiresAt == null ? null : expiresAt.toString(),
                "status", status.name()));
        return new IssuedSecret(find(caller, clientId), secret, null);
    }

    @Transactional(readOnly = true)
    public Page<ApiKey> list(Caller caller, ApiKeyQuery query) {
        return apiKeys.search(caller.customerId(), caller.microtenantId(), query, clock.instant());
    }

    @Transactional(readOnly = true)
    public ApiKey get(Caller caller, String clientId) {
        return find(caller, clientId);
    }

    @Transactional
    public ApiKey update(Caller caller, String clientId, ApiKeyChanges changes, Set<Long> expectedVersion) {
        ApiKey current = find(caller, clientId);
        Set<String> currentPermissions = requireMayActOn(caller, current, "edit this API key", AuditAction.API_KEY_UPDATED);
        refuseIfReadOnly(caller, current, AuditAction.API_KEY_UPDATED);
        Versions.check(expectedVersion, current.version());
        List<FieldProblem> problems = new ArrayList<>();
        checkSessionValidity(changes.sessionValiditySeconds(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String name = changes.name() == null ? current.name() : changes.name();
        String roleId = changes.roleId() == null ? current.roleId() : changes.roleId();
        int sessionValidity = changes.sessionValiditySeconds() == null ? current.sessionValiditySeconds()
                : changes.sessionValiditySeconds();
        ApiKeyStatus status = changes.enabled() == null ? current.status()
                : changes.enabled() ? ApiKeyStatus.ENABLED : ApiKeyStatus.DISABLED;
        boolean roleChanged = !roleId.equals(current.roleId());
        boolean disabling = status == ApiKeyStatus.DISABLED && current.isEnabled();
        if (roleChanged) {
            Set<String> newPermissions = permissionsOfRole(caller, roleId);
            trust.requireHeld(caller, newPermissions, "give this API key that role", AuditAction.API_KEY_UPDATED,
                    clientId, current.microtenantId());
            if (!newPermissions.containsAll(currentPermissions)) {
                trust.protectBootstrapKey(caller, clientId, "give it a role with fewer permissions",
                        AuditAction.API_KEY_UPDATED, current.microtenantId());
            }
        }
        if (disabling) {
            trust.protectBootstrapKey(caller, clientId, "disable it", AuditAction.API_KEY_DISABLED, current.microtenantId());
        }
        Map<String, Object> edits = AuditLog.changes("name", current.name(), name, "roleId", current.roleId(), roleId,
                "sessionValiditySeconds", current.sessionValiditySeconds(), sessionValidity);
        if (edits.isEmpty() && status == current.status()) {
            return current;
        }
        Instant now = clock.instant();
        // whether the new role is weaker is judged by the version read above; guarding every change of
        // role keeps the count exact even when the roles changed since
        TrustPolicy.FullAccessGuard guard = disabling || roleChanged ? trust.guardFullAccessKeys(caller.customerId()) : null;
        int rows;
        try {
            rows = apiKeys.update(clientId, current.version(), name, roleId, sessionValidity, status, disabling, now);
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        Versions.requireUpdated(rows, expectedVersion);
        if (guard != null) {
            trust.requireFullAccessKeyLeft(guard, disabling ? "Disabling this API key"
                    : "Giving this API key a role with fewer permissions");
        }
        if (!edits.isEmpty()) {
            auditLog.record(caller, AuditAction.API_KEY_UPDATED, clientId, current.microtenantId(), edits);
        }
        if (status != current.status()) {
            auditLog.record(caller, disabling ? AuditAction.API_KEY_DISABLED : AuditAction.API_KEY_ENABLED, clientId,
                    current.microtenantId(), AuditLog.changes("status", current.status().name(), status.name()));
        }
        return find(caller, clientId);
    }

    /**
     * A new secret. Without grace the old secret stops at once and every token issued before now
     * is void; with grace the old secret (and its tokens) keep working until the grace ends.
     */
    @Transactional
    public IssuedSecret regenerateSecret(Caller caller, String clientId, Integer graceSeconds, Set<Long> expectedVersion) {
        long maxGrace = properties.maxSecretGrace().toSeconds();
        if (graceSeconds != null && (graceSeconds < 0 || graceSeconds > maxGrace)) {
            throw new InvalidInputException("graceSeconds", "must be between 0 and " + maxGrace);
        }
        ApiKey current = find(caller, clientId);
        requireMayActOn(caller, current, "regenerate the secret of this API key", AuditAction.API_KEY_SECRET_REGENERATED);
        refuseIfReadOnly(caller, current, AuditAction.API_KEY_SECRET_REGENERATED);
        trust.protectBootstrapKey(caller, clientId, "regenerate its secret", AuditAction.API_KEY_SECRET_REGENERATED,
                current.microtenantId());
        Versions.check(expectedVersion, current.version());
        Instant now = clock.instant();
        boolean grace = graceSeconds != null && graceSeconds > 0;
        Instant previousExpiresAt = grace ? now.plusSeconds(graceSeconds) : null;
        String secret = secrets.newSecret();
        int rows = apiKeys.replaceSecret(clientId, current.version(), secrets.hash(secret),
                ClientSecrets.lookupDigest(secret), grace ? current.secretHash() : null, previousExpiresAt, now);
        Versions.requireUpdated(rows, expectedVersion);
        auditLog.record(caller, AuditAction.API_KEY_SECRET_REGENERATED, clientId, current.microtenantId(),
                AuditLog.details("graceSeconds", grace ? graceSeconds : 0,
                        "previousSecretExpiresAt", grace ? previousExpiresAt.toString() : null));
        return new IssuedSecret(find(caller, clientId), secret, previousExpiresAt);
    }

    /** Clears the lock and the failure counter; recorded even when there was nothing to clear. */
    @Transactional
    public ApiKey unlock(Caller caller, String clientId) {
        ApiKey current = find(caller, clientId);
        requireMayActOn(caller, current, "unlock this API key", AuditAction.API_KEY_UNLOCKED);
        Instant now = clock.instant();
        boolean cleared = lockout.unlock(clientId, caller.customerId(), caller.actor());
        auditLog.record(caller, AuditAction.API_KEY_UNLOCKED, clientId, current.microtenantId(), AuditLog.details(
                "wasLocked", current.isLockedAt(now),
                "lockedUntil", Objects.toString(current.lockedUntilAt(now), null),
                "failedAttempts", current.failedAttempts(),
                "cleared", cleared));
        return find(caller, clientId);
    }

    /** Deletes the key; its tokens are inactive from the commit on, since no key vouches for them. */
    @Transactional
    public void delete(Caller caller, String clientId) {
        ApiKey current = find(caller, clientId);
        requireMayActOn(caller, current, "delete this API key", AuditAction.API_KEY_DELETED);
        refuseIfReadOnly(caller, current, AuditAction.API_KEY_DELETED);
        trust.protectBootstrapKey(caller, clientId, "delete it", AuditAction.API_KEY_DELETED, current.microtenantId());
        TrustPolicy.FullAccessGuard guard = trust.guardFullAccessKeys(caller.customerId());
        apiKeys.delete(clientId);
        trust.requireFullAccessKeyLeft(guard, "Deleting this API key");
        trust.forgetBootstrapKey(clientId);
        auditLog.record(caller, AuditAction.API_KEY_DELETED, clientId, current.microtenantId(), AuditLog.details(
                "name", current.name(), "roleId", current.roleId(), "microtenantId", current.microtenantId()));
    }

    private ApiKey find(Caller caller, String clientId) {
        return apiKeys.findInScope(clientId, caller.customerId(), caller.microtenantId())
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private Set<String> permissionsOfRole(Caller caller, String roleId) {
        return roles.permissionsOf(caller.customerId(), roleId)
                .orElseThrow(() -> new NotFoundException("No role with this ID exists."));
    }

    /** The permissions of the key's role, which the caller must hold all of to act on the key. */
    private Set<String> requireMayActOn(Caller caller, ApiKey key, String attempt, AuditAction action) {
        Set<String> permissions = rolePermissions.of(key.roleId(), key.roleVersion());
        trust.requireHeld(caller, permissions, attempt, action, key.clientId(), key.microtenantId());
        return permissions;
    }

    private void checkSessionValidity(Integer seconds, List<FieldProblem> problems) {
        if (seconds != null && !properties.allowsSessionValidity(seconds)) {
            problems.add(new FieldProblem("sessionValiditySeconds", "must be " + properties.sessionValidityRange()));
        }
    }

    private void refuseIfReadOnly(Caller caller, ApiKey key, AuditAction action) {
        if (key.readOnly()) {
            String reason = "The API key is read-only: it is managed by " + key.managedBy()
                    + " and cannot be edited, regenerated or deleted through this API.";
            auditLog.recordDenied(caller, action, key.clientId(), key.microtenantId(), reason);
            throw new ConflictException(ConflictException.Reason.READ_ONLY, reason);
        }
    }

    private static ConflictException duplicateName() {
        return new ConflictException(ConflictException.Reason.DUPLICATE,
                "An API key with this name already exists in the customer.");
    }
}
