package dev.keymint.common;

/**
 * The request is well-formed but contradicts the current state (duplicate name, in use, read-only,
 * or it would take the customer's last full-access key).
 */
public class ConflictException extends RuntimeException {

    private final Reason reason;

    public enum Reason {
        DUPLICATE,
        IN_USE,
        READ_ONLY,
        CONCURRENT_CHANGE,
        LAST_FULL_ACCESS_KEY
    }

    public ConflictException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
