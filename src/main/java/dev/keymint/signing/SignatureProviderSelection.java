package dev.keymint.signing;

/** {@code keymint.signing.provider} and what this machine can do decide who signs. */
final class SignatureProviderSelection {

    private SignatureProviderSelection() {
    }

    /**
     * {@code jdk}: the JDK's providers, without loading the native one. {@code native}: the native
     * provider, or an exception that stops the start when it is not available. {@code auto}: the
     * native provider when available, the JDK's otherwise.
     */
    static SignatureProvider select(SigningProperties.Provider requested, NativeProviderProbe probe) {
        if (requested == SigningProperties.Provider.JDK) {
            return SignatureProvider.jdk();
        }
        NativeProviderProbe.Result result = probe.probe();
        if (result.provider() != null) {
            return SignatureProvider.nativeProvider(requested, result.provider());
        }
        if (requested == SigningProperties.Provider.NATIVE) {
            throw new NativeSigningUnavailableException(result.unavailable());
        }
        return SignatureProvider.jdkInstead(result.unavailable());
    }
}
