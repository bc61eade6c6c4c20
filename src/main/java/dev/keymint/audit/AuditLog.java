package dev.keymint.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.caller.Caller;
import dev.keymint.common.Page;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the audit log. A successful change is recorded inside the transaction that
 * makes it ({@link Propagation#MANDATORY}), so there is never a change without its event nor an
 * event for a change that was rolled back.
 */
@Service
public class AuditLog {

    /** The actor of what keymint does by itself, such as locking a key after failed attempts. */
    public static final String SYSTEM_ACTOR = "keymint";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A change made by {@code caller}, to a target that belongs to {@code microtenantId} (or none). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Caller caller, AuditAction action, String target, String microtenantId,
            Map<String, ?> details) {
        insert(caller.customerId(), microtenantId, caller.actor(), action, target, AuditOutcome.SUCCESS, details);
    }

    /** A change keymint made by itself or from its configuration. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(String actor, String customerId, AuditAction action, String target, String microtenantId,
            Map<String, ?> details) {
        insert(customerId, microtenantId, actor, action, target, AuditOutcome.SUCCESS, details);
    }

    /** A refused change; in a transaction of its own, because the caller's is about to roll back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordDenied(Caller caller, AuditAction action, String target, String microtenantId, String reason) {
        insert(caller.customerId(), microtenantId, caller.actor(), action, target, AuditOutcome.DENIED,
                Map.of("reason", reason));
    }

    /** Deletes up to {@code limit} events that occurred before {@code cutoff}; returns how many it deleted. */
    int deleteOccurredBefore(Instant cutoff, int limit) {
        return jdbc.sql("DELETE FROM audit_event WHERE occurred_at < ? LIMIT " + limit).param(cutoff.toEpochMilli()).update();
    }

    @Transactional(readOnly = true)
    public Page<AuditEvent> search(Caller caller, AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE customer_id = :customerId");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("customerId", caller.customerId());
        if (caller.isMicrotenantScoped()) {
            where.append(" AND microtenant_id = :microtenantId");
            params.put("microtenantId", caller.microtenantId());
        }
        if (query.type() != null) {
            where.append(" AND (action = :type OR target_type = :type)");
            params.put("type", query.type());
        }
        if (query.actor() != null) {
            where.append(" AND actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.target() != null) {
            where.append(" AND target = :target");
            params.put("target", query.target());
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", query.from().toEpochMilli());
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", query.to().toEpochMilli());
        }
        return query.page().fetch(jdbc, "SELECT COUNT(*) FROM audit_event" + where,
                "SELECT * FROM audit_event" + where + " ORDER BY occurred_at DESC, id DESC", params, this::map);
    }

    private void insert(String customerId, String microtenantId, String actor, AuditAction action, String target,
            AuditOutcome outcome, Map<String, ?> details) {
        jdbc.sql("""
                INSERT INTO audit_event (customer_id, microtenant_id, occurred_at, actor, action, target_type, target,
                    outcome, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(customerId, microtenantId, clock.millis(), actor, action.value(), action.targetType(), target,
                        outcome.name(), details == null || details.isEmpty() ? null : json.writeValueAsString(details))
                .update();
    }

    private AuditEvent map(ResultSet rs, int row) throws SQLException {
        String details = rs.getString("details");
        return new AuditEvent(
                rs.getLong("id"),
                Instant.ofEpochMilli(rs.getLong("occurred_at")),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target"),
                rs.getString("microtenant_id"),
                AuditOutcome.valueOf(rs.getString("outcome")),
                details == null ? Map.of() : json.readValue(details, DETAILS));
    }

    /** Key-value pairs for an event's details, leaving out the null values. */
    public static Map<String, Object> details(Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                details.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return details;
    }

    /** Before-and-after of each field that changed; fields that stayed the same are left out. */
    public static Map<String, Object> changes(Object... fieldBeforeAfter) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i < fieldBeforeAfter.length; i += 3) {
            Object before = fieldBeforeAfter[i + 1];
            Object after = fieldBeforeAfter[i + 2];
            if (!Objects.equals(before, after)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", before);
                change.put("to", after);
                changes.put((String) fieldBeforeAfter[i], change);
            }
        }
        return changes;
    }
}
