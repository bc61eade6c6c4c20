package dev.keymint.common;

/** The caller is authenticated and holds the permission, but its scope does not allow this operation. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
