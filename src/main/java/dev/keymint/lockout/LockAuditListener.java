package dev.keymint.lockout;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;

/**
 * Records every automatic lock, and with {@code scope=key-and-source} the source whose failure set
 * it and whom it turns away ({@code lockedFor}: one source, or every untrusted source). The lockout
 * service publishes the event inside the transaction that sets the lock, so the lock and its audit event commit together or not at all. Unlocks are
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
                locked.microtenantId(), AuditLog.details("lockedUntil", locked.lockedUntil().toString(),
                        "reason", reason(locked.extent()),
                        "source", locked.source(),
                        "lockedFor", switch (locked.extent()) {
                            case KEY -> null;
                            case SOURCE -> "source";
                            case UNTRUSTED_SOURCES -> "untrusted-sources";
                        }));
    }

    private static String reason(LockoutEvent.LockExtent extent) {
        return extent == LockoutEvent.LockExtent.UNTRUSTED_SOURCES
                ? "too many distinct sources with failed authentication attempts"
                : "too many consecutive failed authentication attempts";
    }
}
