package dev.keymint.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import dev.keymint.json.JsonWriter;

/**
 * Signs keymint's access tokens with the current signing key of {@link SigningKeys}; not a Spring
 * {@code JwtEncoder}, since nothing asks it for another header or an older key. Does per
 * token only what differs per token: the claims are written straight to JSON, the header
 * ({@code alg}, {@code typ}, {@code kid}) and its base64url form are made once per key, and each
 * key keeps a small pool of initialised {@link Signature} objects, so that neither JWK selection,
 * Nimbus' object model nor the JCA provider lookup runs per token. The signatures come from the
 * {@link SignatureProvider} of the keys (native or the JDK's). The result is the same compact JWS
 * that Nimbus would produce (RS256: RSASSA-PKCS1-v1_5 with SHA-256; ES256: the 64-byte R||S form
 * of RFC 7518 §3.4).
 *
 * <p>The key is the signing key of the snapshot current at the time of the call, and the header
 * names that same key, so a rotation between two calls can never mix one key's {@code kid} with
 * another's signature.
 */
public class JwtSigner {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_POOLED_SIGNATURES = 64;

    private final SigningKeys keys;
    private final String type;
    private volatile KeySigner signer;

    /** For tokens of {@code type}, the header's {@code typ}. */
    public JwtSigner(SigningKeys keys, String type) {
        this.keys = keys;
        this.type = type;
    }

    /** Signs {@code claims}, JSON values as {@link JsonWriter} writes them, as they are. */
    public Jwt sign(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        KeySigner current = currentSigner();
        StringBuilder token = new StringBuilder(1024).append(current.encodedHeader).append('.')
                .append(B64URL.encodeToString(JsonWriter.write(claims).getBytes(StandardCharsets.UTF_8)));
        byte[] signature = current.sign(token.toString().getBytes(StandardCharsets.US_ASCII));
        token.append('.').append(B64URL.encodeToString(signature));
        return new Jwt(token.toString(), issuedAt, expiresAt, current.header, claims);
    }

    private KeySigner currentSigner() {
        JWK signing = keys.snapshot().signing();
        KeySigner current = signer;
        if (current == null || !current.kid.equals(signing.getKeyID())) {
            current = new KeySigner(signing, type, keys.signatureProvider());
            signer = current;
        }
        return current;
    }

    /** One private key, its token header, and a pool of {@link Signature} objects initialised with it. */
    private static final class KeySigner {

        final String kid;
        final Map<String, Object> header;
        final String encodedHeader;
        private final SigningAlgorithm algorithm;
        private final PrivateKey privateKey;
        private final SignatureProvider provider;
        private final Queue<Signature> pool = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pooled = new AtomicInteger();

        KeySigner(JWK jwk, String type, SignatureProvider provider) {
            this.kid = jwk.getKeyID();
            this.provider = provider;
            try {
                if (KeyType.RSA.equals(jwk.getKeyType())) {
                    this.algorithm = SigningAlgorithm.RS256;
                    this.privateKey = jwk.toRSAKey().toPrivateKey();
                } else if (KeyType.EC.equals(jwk.getKeyType()) && Curve.P_256.equals(jwk.toECKey().getCurve())) {
                    this.algorithm = SigningAlgorithm.ES256;
                    this.privateKey = jwk.toECKey().toPrivateKey();
                } else {
                    throw new JwtEncodingException("Unsupported signing key " + jwk.getKeyID()
                            + ": keymint signs with RSA (RS256) or P-256 (ES256) keys");
                }
            } catch (JOSEException e) {
                throw new JwtEncodingException("Cannot use signing key " + jwk.getKeyID(), e);
            }
            this.header = JwsHeader.with(SignatureAlgorithm.from(algorithm.name())).type(type).keyId(kid).build()
                    .getHeaders();
            this.encodedHeader = B64URL.encodeToString(JsonWriter.write(header).getBytes(StandardCharsets.UTF_8));
        }

        byte[] sign(byte[] input) {
            Signature signature = pool.poll();
            if (signature != null) {
                pooled.decrementAndGet();
            }
            try {
                if (signature == null) {
                    signature = provider.newSignature(algorithm);
                    signature.initSign(privateKey);
                }
                signature.update(input);
                // sign() leaves the object initialised for signing with the same key
                byte[] result = signature.sign();
                if (pooled.incrementAndGet() <= MAX_POOLED_SIGNATURES) {
                    pool.offer(signature);
                } else {
                    pooled.decrementAndGet();
                }
                return result;
            } catch (GeneralSecurityException e) {
                throw new JwtEncodingException("An error occurred while attempting to sign the Jwt", e);
            }
        }
    }
}
