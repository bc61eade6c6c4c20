package dev.keymint.role;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.caller.Caller;
import dev.keymint.common.ConflictException;
import dev.keymint.common.ForbiddenException;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.NotFoundException;
import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;
import dev.keymint.common.Versions;

/**
 * Custom roles of a customer, and read access to its predefined ones. Every change bumps the
 * role's version, which is what makes the next token of every key holding the role carry the new
 * permissions (see {@link RolePermissions}). Roles belong to the whole customer, so an
 * administrator confined to a microtenant may read them but not change them: a change would reach
 * keys of other microtenants. Who may create, change and delete which role is decided by the
 * {@link TrustPolicy}.
 */
@Service
public class RoleService {

    private static final String NOT_FOUND = "No role with this ID exists.";

    private final RoleRepository roles;
    private final PermissionCatalogue catalogue;
    private final TrustPolicy trust;
    private final AuditLog auditLog;
    private final Clock clock;

    public RoleService(RoleRepository roles, PermissionCatalogue catalogue, TrustPolicy trust, AuditLog auditLog, Clock clock) {
        this.roles = roles;
        this.catalogue = catalogue;
        this.trust = trust;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<Role> list(Caller caller, PageRequest page) {
        return roles.page(caller.customerId(), caller.microtenantId(), page);
    }

    @Transactional(readOnly = true)
    public Role get(Caller caller, String id) {
        return find(caller, id);
    }

    /** The permissions of the customer's role, or empty when it has no such role; for references from keys. */
    public Optional<Set<String>> permissionsOf(String customerId, String id) {
        return roles.permissionsOf(customerId, id);
    }

    /** The ID of the customer's role with this name. */
    public Optional<String> idByName(String customerId, String name) {
        return roles.idByName(customerId, name);
    }

    @Transactional
    public Role create(Caller caller, String name, String description, Collection<String> permissions) {
        requireCustomerWide(caller, "create");
        Set<String> granted = checkedPermissions(permissions);
        trust.requireHeld(caller, granted, "create a role with these permissions", AuditAction.ROLE_CREATED, null, null);
        String id = UUID.randomUUID().toString();
        try {
            roles.insert(id, caller.customerId(), name, description, false, clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        roles.insertPermissions(id, granted);
        auditLog.record(caller, AuditAction.ROLE_CREATED, id, null,
                AuditLog.details("name", name, "description", description, "permissions", List.copyOf(granted)));
        return find(caller, id);
    }

    @Transactional
    public Role update(Caller caller, String id, String name, String description, Collection<String> permissions,
            Set<Long> expectedVersion) {
        requireCustomerWide(caller, "change");
        Role current = find(caller, id);
        List<String> newPermissions = permissions == null ? current.permissions()
                : List.copyOf(checkedPermissions(permissions));
        Set<String> needed = new TreeSet<>(current.permissions());
        needed.addAll(newPermissions);
        trust.requireHeld(caller, needed, "change this role", AuditAction.ROLE_UPDATED, id, null);
        refuseIfPredefined(caller, current, AuditAction.ROLE_UPDATED);
        Versions.check(expectedVersion, current.version());
        String newName = name == null ? current.name() : name;
        String newDescription = description == null ? current.description() : description;
        Map<String, Object> changes = AuditLog.changes("name", current.name(), newName,
                "description", current.description(), newDescription,
                "permissions", current.permissions(), newPermissions);
        if (changes.isEmpty()) {
            return current;
        }
        boolean permissionsChanged = changes.containsKey("permissions");
        if (permissionsChanged && !newPermissions.containsAll(current.permissions())) {
            trust.protectBootstrapKeyRole(caller, id, AuditAction.ROLE_UPDATED);
        }
        TrustPolicy.FullAccessGuard guard = permissionsChanged ? trust.guardFullAccessKeys(caller.customerId()) : null;
        int rows;
        try {
            rows = roles.update(id, current.version(), newName, newDescription, clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        Versions.requireUpdated(rows, expectedVersion);
        if (permissionsChanged) {
            roles.replacePermissions(id, newPermissions);
            trust.requireFullAccessKeyLeft(guard, "Taking these permissions from this role");
        }
        auditLog.record(caller, AuditAction.ROLE_UPDATED, id, null, changes);
        return find(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        requireCustomerWide(caller, "delete");
        Role current = find(caller, id);
        trust.requireHeld(caller, current.permissions(), "delete this role", AuditAction.ROLE_DELETED, id, null);
        refuseIfPredefined(caller, current, AuditAction.ROLE_DELETED);
        if (current.keyCount() > 0) {
            throw inUse(current.keyCount());
        }
        try {
            roles.deleteCustom(id);
        } catch (DataIntegrityViolationException e) {
            // a key was given the role between the count and the delete
            throw inUse(1);
        }
        auditLog.record(caller, AuditAction.ROLE_DELETED, id, null,
                AuditLog.details("name", current.name(), "permissions", current.permissions()));
    }

    private Set<String> checkedPermissions(Collection<String> permissions) {
        Set<String> granted = new TreeSet<>(permissions);
        List<String> unknown = catalogue.unknown(new LinkedHashSet<>(permissions));
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("permissions", "not in the permission catalogue: "
                    + String.join(", ", unknown) + " (the catalogue holds: " + String.join(", ", catalogue.all()) + ")");
        }
        return granted;
    }

    private void refuseIfPredefined(Caller caller, Role role, AuditAction action) {
        if (role.predefined()) {
            String reason = "The role '" + role.name() + "' is predefined and read-only; create a custom role instead.";
            auditLog.recordDenied(caller, action, role.id(), null, reason);
            throw new ConflictException(ConflictException.Reason.READ_ONLY, reason);
        }
    }

    private static void requireCustomerWide(Caller caller, String verb) {
        if (caller.isMicrotenantScoped()) {
            throw new ForbiddenException("Roles belong to the whole customer: an administrator confined to a "
                    + "microtenant cannot " + verb + " them.");
        }
    }

    private Role find(Caller caller, String id) {
        return roles.find(id, caller.customerId(), caller.microtenantId())
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private static ConflictException duplicateName() {
        return new ConflictException(ConflictException.Reason.DUPLICATE,
                "A role with this name already exists in the customer.");
    }

    private static ConflictException inUse(long keys) {
        return new ConflictException(ConflictException.Reason.IN_USE,
                "The role is held by " + keys + " API key(s); give them another role first.");
    }
}
