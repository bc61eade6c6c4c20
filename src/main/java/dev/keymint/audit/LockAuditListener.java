package dev.keymint.audit;

import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.lockout.LockoutEvent;

/**
 * Records every automatic lock. The lockout service publishes the event inside the transaction
 * that sets the lock, so the lock and its audit event commit together or not at all. Unlocks are
 * recorded by the administration service that performs them, with their actor.
 */
@Component
class LockAuditListener {

    private final AuditLog auditLog;
    private final JdbcClient jdbc;

    LockAuditListener(AuditLog auditLog, JdbcClient jdbc) {
        this.auditLog = auditLog;
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional
    public void onLocked(LockoutEvent.Locked locked) {
        // a list, because the column is null for a key outside any microtenant
        List<String> microtenant = jdbc.sql("SELECT microtenant_id FROM api_key WHERE client_id = ?")
                .param(locked.clientId())
                .query(String.class)
                .list();
        String microtenantId = microtenant.isEmpty() ? null : microtenant.getFirst();
        auditLog.recordAs(AuditLog.SYSTEM_ACTOR, locked.customerId(), AuditAction.API_KEY_LOCKED, locked.clientId(),
                microtenantId, Map.of("lockedUntil", locked.lockedUntil().toString(),
                        "reason", "too many consecutive failed authentication attempts"));
    }
}
