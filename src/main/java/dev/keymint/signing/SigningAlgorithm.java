package dev.keymint.signing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;

/** The algorithms keymint signs tokens with. */
public enum SigningAlgorithm {
    RS256(JWSAlgorithm.RS256, KeyType.RSA),
    ES256(JWSAlgorithm.ES256, KeyType.EC);

    private final JWSAlgorithm jwsAlgorithm;
    private final KeyType keyType;

    SigningAlgorithm(JWSAlgorithm jwsAlgorithm, KeyType keyType) {
        this.jwsAlgorithm = jwsAlgorithm;
        this.keyType = keyType;
    }

    public KeyType keyType() {
        return keyType;
    }

    public JWSAlgorithm jwsAlgorithm() {
        return jwsAlgorithm;
    }
}
