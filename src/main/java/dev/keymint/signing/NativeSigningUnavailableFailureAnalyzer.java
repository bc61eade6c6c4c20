package dev.keymint.signing;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start that asked for native signing where there is none ends with what to do, not a stack trace. */
class NativeSigningUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<NativeSigningUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NativeSigningUnavailableException cause) {
        return new FailureAnalysis(
                "keymint.signing.provider is 'native', but the native signing provider is not available: "
                        + cause.reason() + ".",
                "Set keymint.signing.provider to 'auto' (native where available, the JDK's providers elsewhere) or "
                        + "'jdk'. Native signing needs Linux on x86-64 or aarch64 and a jar built for that "
                        + "architecture (docs/operations.md, \"Native signing\").",
                cause);
    }
}
