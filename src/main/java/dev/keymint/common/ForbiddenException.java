package dev.keymint.common;

import java.util.List;

/**
 * The caller is authenticated and holds the endpoint's permission, but may not do this: the
 * operation lies outside its microtenant scope, needs permissions it does not hold, or touches a
 * key only that key itself may touch.
 */
public class ForbiddenException extends RuntimeException {

    private final Reason reason;
    private final List<String> missingPermissions;

    public enum Reason {
        OUT_OF_SCOPE,
        BEYOND_HELD_PERMISSIONS,
        PROTECTED_KEY
    }

    public ForbiddenException(String detail) {
        this(Reason.OUT_OF_SCOPE, detail, List.of());
    }

    private ForbiddenException(Reason reason, String detail, List<String> missingPermissions) {
        super(detail);
        this.reason = reason;
        this.missingPermissions = List.copyOf(missingPermissions);
    }

    /** The operation needs {@code missingPermissions}, which the caller does not hold. */
    public static ForbiddenException beyondHeldPermissions(String detail, List<String> missingPermissions) {
        return new ForbiddenException(Reason.BEYOND_HELD_PERMISSIONS, detail, missingPermissions);
    }

    public static ForbiddenException protectedKey(String detail) {
        return new ForbiddenException(Reason.PROTECTED_KEY, detail, List.of());
    }

    public Reason reason() {
        return reason;
    }

    /** Empty unless the reason is {@link Reason#BEYOND_HELD_PERMISSIONS}. */
    public List<String> missingPermissions() {
        return missingPermissions;
    }
}
