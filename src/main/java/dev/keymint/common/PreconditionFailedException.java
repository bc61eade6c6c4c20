package dev.keymint.common;

/** The caller's {@code If-Match} names a version that is no longer current. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String detail) {
        super(detail);
    }
}
