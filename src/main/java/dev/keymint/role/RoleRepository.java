package dev.keymint.role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;

/** The one owner of the statements on {@code role} and {@code role_permission}. */
@Repository
class RoleRepository {

    // a microtenant-confined caller counts only the keys of its microtenant
    private static final String SELECT = """
            SELECT r.*, (SELECT COUNT(*) FROM api_key k WHERE k.role_id = r.id
                            AND (:microtenantId IS NULL OR k.microtenant_id = :microtenantId)) AS key_count
              FROM role r
            """;

    private final JdbcClient jdbc;

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the customer's roles, each with the keys holding it (within {@code microtenantId} when set). */
    Page<Role> page(String customerId, String microtenantId, PageRequest page) {
        Page<Row> rows = page.fetch(jdbc, "SELECT COUNT(*) FROM role WHERE customer_id = :customerId",
                SELECT + " WHERE r.customer_id = :customerId ORDER BY r.predefined DESC, r.name, r.id",
                scopeParams(customerId, microtenantId), RoleRepository::mapRow);
        return new Page<>(withPermissions(rows.items()), rows.page(), rows.pageSize(), rows.totalCount());
    }

    Optional<Role> find(String id, String customerId, String microtenantId) {
        Map<String, Object> params = scopeParams(customerId, microtenantId);
        params.put("id", id);
        return jdbc.sql(SELECT + " WHERE r.id = :id AND r.customer_id = :customerId")
                .params(params)
                .query(RoleRepository::mapRow)
                .optional()
                .map(row -> withPermissions(List.of(row)).getFirst());
    }

    /** The permissions of the customer's role, or empty when it has no such role. */
    Optional<Set<String>> permissionsOf(String customerId, String id) {
        List<String> rows = jdbc.sql("""
                SELECT p.permission FROM role r LEFT JOIN role_permission p ON p.role_id = r.id
                 WHERE r.id = ? AND r.customer_id = ?
                """).params(id, customerId).query(String.class).list();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(rows.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
    }

    /** The permissions the role holds now, in order. */
    List<String> permissions(String roleId) {
        return jdbc.sql("SELECT permission FROM role_permission WHERE role_id = ? ORDER BY permission")
                .param(roleId).query(String.class).list();
    }

    Optional<String> idByName(String customerId, String name) {
        return jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ?")
                .params(customerId, name).query(String.class).optional();
    }

    /** As {@link #idByName}, and holds the row's lock to the end of the transaction. */
    Optional<String> idByNameForUpdate(String customerId, String name) {
        return jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ? FOR UPDATE")
                .params(customerId, name).query(String.class).optional();
    }

    void insert(String id, String customerId, String name, String description, boolean predefined, Instant now) {
        jdbc.sql("""
                INSERT INTO role (id, customer_id, name, description, predefined, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, customerId, name, description, predefined, now.toEpochMilli(), now.toEpochMilli())
                .update();
    }

    /** Renames or redescribes the role, conditional on the version read; returns the rows changed. */
    int update(String id, long version, String name, String description, Instant now) {
        return jdbc.sql("UPDATE role SET name = ?, description = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(name, description, now.toEpochMilli(), id, version).update();
    }

    /** A new version of the role, whose permissions changed. */
    void bumpVersion(String id, Instant now) {
        jdbc.sql("UPDATE role SET version = version + 1, updated_at = ? WHERE id = ?").params(now.toEpochMilli(), id).update();
    }

    void replacePermissions(String roleId, Collection<String> permissions) {
        jdbc.sql("DELETE FROM role_permission WHERE role_id = ?").param(roleId).update();
        insertPermissions(roleId, permissions);
    }

    void insertPermissions(String roleId, Collection<String> permissions) {
        for (String permission : permissions) {
            jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)").params(roleId, permission).update();
        }
    }

    /** Deletes a custom role; a predefined one is never deleted. */
    void deleteCustom(String id) {
        jdbc.sql("DELETE FROM role WHERE id = ? AND predefined = FALSE").param(id).update();
    }

    private static Map<String, Object> scopeParams(String customerId, String microtenantId) {
        Map<String, Object> params = new HashMap<>();
        params.put("customerId", customerId);
        params.put("microtenantId", microtenantId);
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
