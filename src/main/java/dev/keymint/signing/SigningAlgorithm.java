package dev.keymint.signing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;

/** The algorithms keymint signs tokens with. */
public enum SigningAlgorithm {
    RS256(JWSAlgorithm.RS256, KeyType.RSA, "SHA256withRSA"),
    // JWS wants R||S (RFC 7518 §3.4), which is what the P1363 format gives, not DER
    ES256(JWSAlgorithm.ES256, KeyType.EC, "SHA256withECDSAinP1363Format");

    private final JWSAlgorithm jwsAlgorithm;
    private final KeyType keyType;
    private final String jcaAlgorithm;

    SigningAlgorithm(JWSAlgorithm jwsAlgorithm, KeyType keyType, String jcaAlgorithm) {
        this.jwsAlgorithm = jwsAlgorithm;
        this.keyType = keyType;
        this.jcaAlgorithm = jcaAlgorithm;
    }

    public KeyType keyType() {
        return keyType;
    }

    public JWSAlgorithm jwsAlgorithm() {
        return jwsAlgorithm;
    }

    /** The JCA {@code Signature} algorithm that produces this JWS algorithm's signature bytes. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }
}
