package dev.keymint.signing;

import java.security.Signature;

/** {@code keymint.signing.provider=jdk}: the JDK's providers sign, wherever keymint runs. */
class JdkSigningTest extends SigningProviderTokensTest {

    @Override
    String provider() {
        return "jdk";
    }

    @Override
    String expectedImplementation(SigningAlgorithm algorithm) throws Exception {
        // SunRsaSign and SunEC on a stock JDK
        return Signature.getInstance(algorithm.jcaAlgorithm()).getProvider().getName();
    }
}
