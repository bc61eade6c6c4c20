package dev.keymint.signing;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Every key in the folder as last read: the encoder picks the signing one by kid, the decoder
 * verifies with any, and {@code /oauth2/jwks} publishes their public parts.
 */
public class SigningKeysJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    public SigningKeysJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(keys.snapshot().all());
    }
}
