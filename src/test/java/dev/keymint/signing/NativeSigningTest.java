package dev.keymint.signing;

import java.util.Locale;

import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code keymint.signing.provider=native}: Amazon Corretto Crypto Provider signs. Runs where
 * keymint's build ships its native library (Linux on x86-64 or aarch64) and must pass there;
 * elsewhere {@code native} cannot start, which {@link SignatureProviderSelectionTest} covers.
 */
@EnabledIf("shipsNativeSigning")
class NativeSigningTest extends SigningProviderTokensTest {

    static boolean shipsNativeSigning() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64"));
    }

    @Override
    String provider() {
        return "native";
    }

    @Override
    String expectedImplementation(SigningAlgorithm algorithm) {
        return "AmazonCorrettoCryptoProvider";
    }
}
