package dev.keymint.role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    // a microtenant-confined caller counts only the keys of its microtenant
    private static final String SELECT = """
            SELECT r.*, (SELECT COUNT(*) FROM api_key k WHERE k.role_id = r.id
                            AND (:microtenantId IS NULL OR k.microtenant_id = :microtenantId)) AS key_count
              FROM role r
            """;
    private static final String NOT_FOUND = "No role with this ID exists.";

    private final JdbcClient jdbc;
    private final PermissionCatalogue catalogue;
    private final TrustPolicy trust;
    private final AuditLog auditLog;
    private final Clock clock;

    public RoleService(JdbcClient jdbc, PermissionCatalogue catalogue, TrustPolicy trust, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.trust = trust;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<Role> list(Caller caller, PageRequest page) {
        Page<Row> rows = page.fetch(jdbc, "SELECT COUNT(*) FROM role WHERE customer_id = :customerId",
                SELECT + " WHERE r.customer_id = :customerId ORDER BY r.predefined DESC, r.name, r.id",
                scopeParams(caller), RoleService::mapRow);
        return new Page<>(withPermissions(rows.items()), rows.page(), rows.pageSize(), rows.totalCount());
    }

    @Transactional(readOnly = true)
    public Role get(Caller caller, String id) {
        return find(caller, id);
    }

    /** The permissions of the customer's role, or empty when it has no such role; for references from keys. */
    public Optional<Set<String>> permissionsOf(String customerId, String id) {
        List<String> rows = jdbc.sql("""
                SELECT p.permission FROM role r LEFT JOIN role_permission p ON p.role_id = r.id
                 WHERE r.id = ? AND r.customer_id = ?
                """).params(id, customerId).query(String.class).list();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(rows.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
    }

    /** The ID of the customer's role with this name. */
    public Optional<String> idByName(String customerId, String name) {
        return jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ?")
                .params(customerId, name).query(String.class).optional();
    }

    @Transactional
    public Role create(Caller caller, String name, String description, Collection<String> permissions) {
        requireCustomerWide(caller, "create");
        Set<String> granted = checkedPermissions(permissions);
        trust.requireHeld(caller, granted, "create a role with these permissions", AuditAction.ROLE_CREATED, null, null);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbc.sql("INSERT INTO role (id, customer_id, name, description, predefined, created_at, updated_at) VALUES (?, ?, ?, ?, FALSE, ?, ?)")
                    .params(id, caller.customerId(), name, description, now, now).update();
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        insertPermissions(id, granted);
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
            rows = jdbc.sql("UPDATE role SET name = ?, description = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                    .params(newName, newDescription, clock.millis(), id, current.version()).update();
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        Versions.requireUpdated(rows, expectedVersion);
        if (permissionsChanged) {
            jdbc.sql("DELETE FROM role_permission WHERE role_id = ?").param(id).update();
            insertPermissions(id, newPermissions);
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
            jdbc.sql("DELETE FROM role WHERE id = ? AND predefined = FALSE").param(id).update();
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

    private void insertPermissions(String roleId, Collection<String> permissions) {
        for (String permission : permissions) {
            jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)").params(roleId, permission).update();
        }
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
        Map<String, Object> params = scopeParams(caller);
        params.put("id", id);
        Row row = jdbc.sql(SELECT + " WHERE r.id = :id AND r.customer_id = :customerId")
                .params(params)
                .query(RoleService::mapRow)
                .optional()
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        return withPermissions(List.of(row)).getFirst();
    }

    private static Map<String, Object> scopeParams(Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("customerId", caller.customerId());
        params.put("microtenantId", caller.microtenantId());
        return params;
    }

    private List<Role> withPermissions(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> permissions = new HashMap<>();
        jdbc.sql("SELECT role_id, permission FROM role_permission WHERE role_id IN (:ids) ORDER BY permission")
                .param("ids", rows.stream().map(Row::id).toList())
                .query(rs -> {
                    permissions.computeIfAbsent(rs.getString("role_id"), k -> new ArrayList<>()).add(rs.getString("permission"));
                });
        return rows.stream().map(row -> row.toRole(permissions.getOrDefault(row.id(), List.of()))).toList();
    }

    private static ConflictException duplicateName() {
        return new ConflictException(ConflictException.Reason.DUPLICATE,
                "A role with this name already exists in the customer.");
    }

    private static ConflictException inUse(long keys) {
        return new ConflictException(ConflictException.Reason.IN_USE,
                "The role is held by " + keys + " API key(s); give them another role first.");
    }

    private record Row(String id, String customerId, String name, String description, boolean predefined,
            Instant createdAt, Instant updatedAt, long version, long keyCount) {

        Role toRole(List<String> permissions) {
            return new Role(id, customerId, name, description, predefined, List.copyOf(permissions), createdAt,
                    updatedAt, version, keyCount);
        }
    }

    private static Row mapRow(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"),
                rs.getString("description"), rs.getBoolean("predefined"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getLong("version"), rs.getLong("key_count"));
    }
}
