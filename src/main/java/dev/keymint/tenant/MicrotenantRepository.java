package dev.keymint.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;

/** The one owner of the statements on {@code microtenant}. */
@Repository
class MicrotenantRepository {

    private static final String SELECT = """
            SELECT m.*, (SELECT COUNT(*) FROM api_key k WHERE k.microtenant_id = m.id) AS key_count
              FROM microtenant m
            """;

    private final JdbcClient jdbc;

    MicrotenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the customer's microtenants, or only {@code onlyId} when set. */
    Page<Microtenant> page(String customerId, String onlyId, PageRequest page) {
        String where = " WHERE m.customer_id = :customerId" + (onlyId != null ? " AND m.id = :id" : "");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("customerId", customerId);
        if (onlyId != null) {
            params.put("id", onlyId);
        }
        return page.fetch(jdbc, "SELECT COUNT(*) FROM microtenant m" + where, SELECT + where + " ORDER BY m.name, m.id",
                params, MicrotenantRepository::map);
    }

    Optional<Microtenant> find(String id, String customerId) {
        return jdbc.sql(SELECT + " WHERE m.id = ? AND m.customer_id = ?")
                .params(id, customerId)
                .query(MicrotenantRepository::map)
                .optional();
    }

    boolean exists(String id, String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM microtenant WHERE id = ? AND customer_id = ?")
                .params(id, customerId).query(Long.class).single() > 0;
    }

    void insert(String id, String customerId, String name, String description, Instant now) {
        jdbc.sql("""
                INSERT INTO microtenant (id, customer_id, name, description, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).params(id, customerId, name, description, now.toEpochMilli(), now.toEpochMilli()).update();
    }

    /** Conditional on the version read; returns the rows changed. */
    int update(String id, long version, String name, String description, Instant now) {
        return jdbc.sql("""
                UPDATE microtenant SET name = ?, description = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ?
                """).params(name, description, now.toEpochMilli(), id, version).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM microtenant WHERE id = ?").param(id).update();
    }

    private static Microtenant map(ResultSet rs, int row) throws SQLException {
        return new Microtenant(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"),
                rs.getString("description"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("version"), rs.getLong("key_count"));
    }
}
