package dev.keymint.signing;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

/**
 * The JCA provider of keymint's token signatures: the native one (Amazon Corretto Crypto
 * Provider, AWS-LC), handed to every {@link Signature} keymint creates for a token, or the JVM's
 * configured providers. It is not installed as a JVM-wide provider: key generation, secret
 * hashing, token verification and TLS keep the JDK's providers, so choosing the signer changes
 * the signatures of tokens and nothing else.
 */
public final class SignatureProvider {

    private final SigningProperties.Provider requested;
    private final Provider nativeProvider;
    private final String nativeUnavailable;

    private SignatureProvider(SigningProperties.Provider requested, Provider nativeProvider, String nativeUnavailable) {
        this.requested = requested;
        this.nativeProvider = nativeProvider;
        this.nativeUnavailable = nativeUnavailable;
    }

    /** The JVM's configured providers (SunRsaSign, SunEC on a stock JDK), as asked for. */
    public static SignatureProvider jdk() {
        return new SignatureProvider(SigningProperties.Provider.JDK, null, null);
    }

    static SignatureProvider nativeProvider(SigningProperties.Provider requested, Provider provider) {
        return new SignatureProvider(requested, provider, null);
    }

    /** The JDK's providers under {@code auto}, because the native one is not available. */
    static SignatureProvider jdkInstead(String nativeUnavailable) {
        return new SignatureProvider(SigningProperties.Provider.AUTO, null, nativeUnavailable);
    }

    public boolean isNative() {
        return nativeProvider != null;
    }

    /** {@code native} or {@code jdk}: what signs, as {@code keymint.signing.provider} names it. */
    public String kind() {
        return isNative() ? "native" : "jdk";
    }

    /** What {@code keymint.signing.provider} asked for. */
    public SigningProperties.Provider requested() {
        return requested;
    }

    /** Why the native provider does not sign although {@code auto} would have used it; null otherwise. */
    public String nativeUnavailable() {
        return nativeUnavailable;
    }

    public Signature newSignature(SigningAlgorithm algorithm) throws NoSuchAlgorithmException {
        return isNative() ? Signature.getInstance(algorithm.jcaAlgorithm(), nativeProvider)
                : Signature.getInstance(algorithm.jcaAlgorithm());
    }

    /** The provider that signs {@code algorithm}, with its version: "AmazonCorrettoCryptoProvider 2.5.0". */
    public String implementation(SigningAlgorithm algorithm) {
        try {
            Provider provider = newSignature(algorithm).getProvider();
            return provider.getName() + " " + provider.getVersionStr();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No provider signs " + algorithm.jcaAlgorithm(), e);
        }
    }

    @Override
    public String toString() {
        return kind();
    }
}
