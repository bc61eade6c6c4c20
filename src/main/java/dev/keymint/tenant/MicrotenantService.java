package dev.keymint.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import dev.keymint.common.NotFoundException;
import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;
import dev.keymint.common.Versions;

/**
 * Microtenants of the caller's customer. An administrator confined to a microtenant sees and may
 * rename only its own, and may neither create nor delete any.
 */
@Service
public class MicrotenantService {

    private static final String SELECT = """
            SELECT m.*, (SELECT COUNT(*) FROM api_key k WHERE k.microtenant_id = m.id) AS key_count
              FROM microtenant m
            """;
    private static final String NOT_FOUND = "No microtenant with this ID exists.";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    public MicrotenantService(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<Microtenant> list(Caller caller, PageRequest page) {
        String where = " WHERE m.customer_id = :customerId" + (caller.isMicrotenantScoped() ? " AND m.id = :id" : "");
        Map<String, Object> params = scopeParams(caller);
        return page.fetch(jdbc, "SELECT COUNT(*) FROM microtenant m" + where, SELECT + where + " ORDER BY m.name, m.id",
                params, MicrotenantService::map);
    }

    @Transactional(readOnly = true)
    public Microtenant get(Caller caller, String id) {
        return find(caller, id);
    }

    /** Whether the microtenant exists in the customer; for references from other objects. */
    public boolean exists(String customerId, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM microtenant WHERE id = ? AND customer_id = ?")
                .params(id, customerId).query(Long.class).single() > 0;
    }

    @Transactional
    public Microtenant create(Caller caller, String name, String description) {
        if (caller.isMicrotenantScoped()) {
            throw new ForbiddenException("An administrator confined to a microtenant cannot create microtenants.");
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbc.sql("""
                    INSERT INTO microtenant (id, customer_id, name, description, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """).params(id, caller.customerId(), name, description, now, now).update();
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        auditLog.record(caller, AuditAction.MICROTENANT_CREATED, id, id, AuditLog.details("name", name, "description", description));
        return find(caller, id);
    }

    @Transactional
    public Microtenant update(Caller caller, String id, String name, String description, Set<Long> expectedVersion) {
        Microtenant current = find(caller, id);
        Versions.check(expectedVersion, current.version());
        String newName = name == null ? current.name() : name;
        String newDescription = description == null ? current.description() : description;
        Map<String, Object> changes = AuditLog.changes("name", current.name(), newName,
                "description", current.description(), newDescription);
        if (changes.isEmpty()) {
            return current;
        }
        int rows;
        try {
            rows = jdbc.sql("""
                    UPDATE microtenant SET name = ?, description = ?, updated_at = ?, version = version + 1
                     WHERE id = ? AND version = ?
                    """).params(newName, newDescription, clock.millis(), id, current.version()).update();
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        Versions.requireUpdated(rows, expectedVersion);
        auditLog.record(caller, AuditAction.MICROTENANT_UPDATED, id, id, changes);
        return find(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        if (caller.isMicrotenantScoped()) {
            throw new ForbiddenException("An administrator confined to a microtenant cannot delete microtenants.");
        }
        Microtenant current = find(caller, id);
        if (current.keyCount() > 0) {
            throw inUse(current.keyCount());
        }
        try {
            jdbc.sql("DELETE FROM microtenant WHERE id = ?").param(id).update();
        } catch (DataIntegrityViolationException e) {
            // a key was added to it between the count and the delete
            throw inUse(1);
        }
        auditLog.record(caller, AuditAction.MICROTENANT_DELETED, id, id, AuditLog.details("name", current.name()));
    }

    private Microtenant find(Caller caller, String id) {
        if (caller.isMicrotenantScoped() && !caller.microtenantId().equals(id)) {
            throw new NotFoundException(NOT_FOUND);
        }
        return jdbc.sql(SELECT + " WHERE m.id = ? AND m.customer_id = ?")
                .params(id, caller.customerId())
                .query(MicrotenantService::map)
                .optional()
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private static Map<String, Object> scopeParams(Caller caller) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("customerId", caller.customerId());
        if (caller.isMicrotenantScoped()) {
            params.put("id", caller.microtenantId());
        }
        return params;
    }

    private static ConflictException duplicateName() {
        return new ConflictException(ConflictException.Reason.DUPLICATE,
                "A microtenant with this name already exists in the customer.");
    }

    private static ConflictException inUse(long keys) {
        return new ConflictException(ConflictException.Reason.IN_USE, "The microtenant still holds " + keys
                + " API key(s); move or delete them first.");
    }

    private static Microtenant map(ResultSet rs, int row) throws SQLException {
        return new Microtenant(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"),
                rs.getString("description"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("version"), rs.getLong("key_count"));
    }
}
