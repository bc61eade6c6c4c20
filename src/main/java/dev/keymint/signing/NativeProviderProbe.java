package dev.keymint.signing;

import java.security.Provider;
import java.util.Locale;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Whether the native provider can sign on this machine: Amazon Corretto Crypto Provider, when its
 * native library (in the jar for Linux on x86-64 or aarch64) loads and passes its self-tests.
 */
@FunctionalInterface
interface NativeProviderProbe {

    Result probe();

    /** @param provider the provider, when it can sign; otherwise null and {@code unavailable} says why */
    record Result(Provider provider, String unavailable) {

        static Result available(Provider provider) {
            return new Result(provider, null);
        }

        static Result unavailable(String reason) {
            return new Result(null, reason);
        }
    }

    /** The real one. Loading the provider class loads its library, once per JVM. */
    static Result amazonCorrettoCryptoProvider() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = provider.getLoadingError();
            if (loadingError != null) {
                return Result.unavailable(describe(loadingError));
            }
            provider.assertHealthy();
            return Result.available(provider);
        } catch (RuntimeException | LinkageError e) {
            return Result.unavailable(describe(e));
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "Amazon Corretto Crypto Provider does not run on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch").toLowerCase(Locale.ROOT) + " (" + cause.getClass().getSimpleName()
                + ": " + cause.getMessage() + ")";
    }
}
