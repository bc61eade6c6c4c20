package dev.keymint.lockout;

import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;

/**
 * Records every automatic lock. The lockout service publishes the event inside the transaction
 * that sets the lock, so the lock and its audit event commit together or not at all. Unlocks are
 * recorded by the administration service that performs them, with their actor.
 */
@Component
class LockAuditListener {

    private final AuditLog auditLog;

    LockAuditListener(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    @Transactional
    public void onLocked(LockoutEvent.Locked locked) {
        auditLog.recordAs(AuditLog.SYSTEM_ACTOR, locked.customerId(), AuditAction.API_KEY_LOCKED, locked.clientId(),
                locked.microtenantId(), Map.of("lockedUntil", locked.lockedUntil().toString(),
                        "reason", "too many consecutive failed authentication attempts"));
    }
}
