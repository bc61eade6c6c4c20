package dev.keymint.audit;

public enum AuditOutcome {
    /** The change was made; the event was written in the same transaction. */
    SUCCESS,
    /** The change was refused for a reason worth a trace (a read-only key, a predefined role). */
    DENIED
}
