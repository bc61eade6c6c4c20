package dev.keymint.signing;

/** {@code keymint.signing.provider=native} on a machine where the native provider cannot sign. */
class NativeSigningUnavailableException extends IllegalStateException {

    private final String reason;

    NativeSigningUnavailableException(String reason) {
        super("keymint.signing.provider=native, but the native signing provider is not available: " + reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
