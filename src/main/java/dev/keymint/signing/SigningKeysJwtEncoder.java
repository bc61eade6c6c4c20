package dev.keymint.signing;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import dev.keymint.json.JsonWriter;

/**
 * Signs keymint's access tokens with the keys of {@link SigningKeys}, doing per token only what
 * differs per token: the claims are written straight to JSON, the header's base64url form is
 * made once per distinct header, and each key keeps a small pool of initialised
 * {@link Signature} objects, so that neither JWK selection, Nimbus' object model nor the JCA
 * provider lookup runs per token. The result is the same compact JWS that Nimbus would produce
 * (RS256: RSASSA-PKCS1-v1_5 with SHA-256; ES256: the 64-byte R||S form of RFC 7518 §3.4).
 *
 * <p>The header must name the algorithm; it names the key by {@code kid}, or gets the current
 * signing key's {@code kid} added. Keys are looked up in the snapshot current at the time of the
 * call, so a rotated-out key still signs a token whose header a moment earlier named it.
 */
public class SigningKeysJwtEncoder implements JwtEncoder {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_CACHED_HEADERS = 64;
    private static final int MAX_POOLED_SIGNATURES = 64;

    private final SigningKeys keys;
    private volatile Signers signers;
    private final Map<Map<String, Object>, String> encodedHeaders = new ConcurrentHashMap<>();

    public SigningKeysJwtEncoder(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
        JwsHeader headers = parameters.getJwsHeader();
        if (headers == null || headers.getAlgorithm() == null) {
            throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
                    + "the JWS header must name the algorithm");
        }
        JwtClaimsSet claims = parameters.getClaims();
        Signers current = currentSigners();
        KeySigner signer = current.forKid(headers.getKeyId());
        if (headers.getKeyId() == null) {
            headers = JwsHeader.from(headers).keyId(signer.kid).build();
        }
        if (!signer.algorithm.equals(headers.getAlgorithm().getName())) {
            throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: key "
                    + signer.kid + " does not sign " + headers.getAlgorithm().getName());
        }
        return sign(signer, headers.getHeaders(), claims.getClaims(), claims.getIssuedAt(), claims.getExpiresAt());
    }

    /**
     * Signs {@code claims} as they are with the current signing key, under the header
     * {@code {alg, typ, kid}} of that key: what keymint's token generator needs, without Spring's
     * header and claims builders in between. The claims are JSON values ({@link JsonWriter}).
     */
    public Jwt encode(String type, Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        KeySigner signer = currentSigners().forKid(null);
        return sign(signer, signer.headers(type), claims, issuedAt, expiresAt);
    }

    private Jwt sign(KeySigner signer, Map<String, Object> headers, Map<String, Object> claims, Instant issuedAt,
            Instant expiresAt) {
        StringBuilder token = new StringBuilder(1024).append(encodedHeader(headers)).append('.')
                .append(B64URL.encodeToString(JsonWriter.write(claims).getBytes(StandardCharsets.UTF_8)));
        byte[] signature = signer.sign(token.toString().getBytes(StandardCharsets.US_ASCII));
        token.append('.').append(B64URL.encodeToString(signature));
        return new Jwt(token.toString(), issuedAt, expiresAt, headers, claims);
    }

    private Signers currentSigners() {
        SigningKeys.Snapshot snapshot = keys.snapshot();
        Signers current = signers;
        if (current == null || current.snapshot != snapshot) {
            current = new Signers(snapshot);
            signers = current;
        }
        return current;
    }

    private String encodedHeader(Map<String, Object> headers) {
        String encoded = encodedHeaders.get(headers);
        if (encoded == null) {
            encoded = B64URL.encodeToString(JsonWriter.write(headers).getBytes(StandardCharsets.UTF_8));
            if (encodedHeaders.size() >= MAX_CACHED_HEADERS) {
                encodedHeaders.clear();
            }
            encodedHeaders.put(Map.copyOf(headers), encoded);
        }
        return encoded;
    }

    /** The signers of one snapshot of the keys folder, made on first use of each key. */
    private static final class Signers {

        final SigningKeys.Snapshot snapshot;
        final Map<String, KeySigner> byKid = new ConcurrentHashMap<>();

        Signers(SigningKeys.Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        KeySigner forKid(String kid) {
            JWK jwk = kid == null ? snapshot.signing() : snapshot.all().getKeyByKeyId(kid);
            if (jwk == null) {
                throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
                        + "no signing key with kid " + kid);
            }
            return byKid.computeIfAbsent(jwk.getKeyID(), id -> new KeySigner(jwk));
        }
    }

    /** One private key and a pool of {@link Signature} objects initialised with it. */
    private static final class KeySigner {

        final String kid;
        final String algorithm;
        private final String jcaAlgorithm;
        private final PrivateKey privateKey;
        private final Queue<Signature> pool = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pooled = new AtomicInteger();
        private final Map<String, Map<String, Object>> headersByType = new ConcurrentHashMap<>();

        KeySigner(JWK jwk) {
            this.kid = jwk.getKeyID();
            try {
                if (KeyType.RSA.equals(jwk.getKeyType())) {
                    this.algorithm = "RS256";
                    this.jcaAlgorithm = "SHA256withRSA";
                    this.privateKey = jwk.toRSAKey().toPrivateKey();
                } else if (KeyType.EC.equals(jwk.getKeyType()) && Curve.P_256.equals(jwk.toECKey().getCurve())) {
                    this.algorithm = "ES256";
                    // JWS wants R||S (RFC 7518 §3.4), which is what the P1363 format gives
                    this.jcaAlgorithm = "SHA256withECDSAinP1363Format";
                    this.privateKey = jwk.toECKey().toPrivateKey();
                } else {
                    throw new JwtEncodingException("Unsupported signing key " + jwk.getKeyID()
                            + ": keymint signs with RSA (RS256) or P-256 (ES256) keys");
                }
            } catch (JOSEException e) {
                throw new JwtEncodingException("Cannot use signing key " + jwk.getKeyID(), e);
            }
        }

        /** The header of a token of {@code type} signed with this key, made once. */
        Map<String, Object> headers(String type) {
            return headersByType.computeIfAbsent(type, typ -> JwsHeader.with(SignatureAlgorithm.from(algorithm))
                    .type(typ)
                    .keyId(kid)
                    .build()
                    .getHeaders());
        }

        byte[] sign(byte[] input) {
            Signature signature = pool.poll();
            if (signature != null) {
                pooled.decrementAndGet();
            }
            try {
                if (signature == null) {
                    signature = Signature.getInstance(jcaAlgorithm);
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
