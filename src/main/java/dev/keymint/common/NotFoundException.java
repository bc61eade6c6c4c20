package dev.keymint.common;

/**
 * The object does not exist, or exists outside the caller's customer or microtenant: both answer
 * the same, so that nobody learns what another tenant holds.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
