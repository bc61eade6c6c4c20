package dev.keymint.apikey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Makes client IDs and secrets, and the one-way hash that is all keymint keeps of a secret.
 *
 * <p>A secret is {@code kms_} + 43 base62 characters (256 random bits) + a 6-character base62
 * CRC-32 of what precedes it, so secret scanners can tell a real keymint secret from noise
 * without asking keymint. It is stored as salted SHA-256: with 256 bits of entropy no
 * dictionary or brute force can reverse it, so a slow password hash would only cost CPU on every
 * token request (see docs/security.md).
 */
@Component
public class ClientSecrets {

    public static final String SECRET_PREFIX = "kms_";
    public static final String CLIENT_ID_PREFIX = "kmc_";
    private static final int SECRET_BODY_LENGTH = 43;
    private static final int CHECKSUM_LENGTH = 6;
    private static final String HASH_SCHEME = "s256";
    private static final int SECRET_ID_BYTES = 12;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final byte[] LOOKUP_DOMAIN = "keymint secret lookup\0".getBytes(StandardCharsets.US_ASCII);

    // a hash of 256 random bits that are then forgotten
    private static final String UNMATCHABLE_HASH = new ClientSecrets().hash(new ClientSecrets().newSecret());

    private final SecureRandom random = new SecureRandom();

    public String newClientId() {
        return CLIENT_ID_PREFIX + Base62.encode(randomBytes(16), 22);
    }

    public String newSecret() {
        String body = SECRET_PREFIX + Base62.encode(randomBytes(32), SECRET_BODY_LENGTH);
        return body + checksum(body);
    }

    /** True when {@code secret} has the shape and a matching checksum of a generated secret. */
    public static boolean looksGenerated(@Nullable String secret) {
        int length = SECRET_PREFIX.length() + SECRET_BODY_LENGTH + CHECKSUM_LENGTH;
        if (secret == null || secret.length() != length || !secret.startsWith(SECRET_PREFIX)
                || !Base62.isBase62(secret.substring(SECRET_PREFIX.length()))) {
            return false;
        }
        String body = secret.substring(0, length - CHECKSUM_LENGTH);
        return checksum(body).equals(secret.substring(length - CHECKSUM_LENGTH));
    }

    public String hash(String secret) {
        byte[] salt = randomBytes(16);
        return HASH_SCHEME + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(digest(salt, secret));
    }

    /**
     * The work of {@link #matches} against the hash of a secret nobody knows, for a client ID with
     * no key, so that its answer costs what a wrong secret costs (docs/security.md). The result
     * is false but for a chance of 2^-256; a caller has nothing to do with it.
     */
    public static boolean matchesUnknown(String secret) {
        return matches(secret, UNMATCHABLE_HASH);
    }

    /** Constant-time check of {@code secret} against a stored hash; false for any malformed hash. */
    public static boolean matches(@Nullable String secret, @Nullable String storedHash) {
        if (secret == null || storedHash == null) {
            return false;
        }
        String[] parts = storedHash.split("\\$");
        if (parts.length != 3 || !HASH_SCHEME.equals(parts[0])) {
            return false;
        }
        byte[] expected = B64D.decode(parts[2]);
        return MessageDigest.isEqual(expected, digest(B64D.decode(parts[1]), secret));
    }

    /**
     * The digest by which a reported secret finds its key (docs/security.md, "Compromised-secret
     * reports"): SHA-256 of the secret, unsalted so that it can be looked up, and kept only for
     * generated secrets, whose 256 random bits no dictionary reaches. Null for any other secret
     * (an operator-supplied bootstrap or managed secret may be weak; an unsalted digest of it would
     * be a target). A fixed prefix keeps it from being the plain SHA-256 of the secret.
     */
    public static @Nullable String lookupDigest(@Nullable String secret) {
        if (!looksGenerated(secret)) {
            return null;
        }
        MessageDigest sha256 = sha256();
        sha256.update(LOOKUP_DOMAIN);
        return B64.encodeToString(sha256.digest(secret.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * A short identifier of one stored secret, for a token to name the secret that obtained it
     * (see {@link ApiKey#honoursSecretIdAt}): one-way from the stored hash, so it gives away
     * neither the secret nor the hash, and different for every secret, since every hash has a salt
     * of its own. 96 bits: two secrets of one key never share an ID.
     */
    public static String idOf(String storedHash) {
        byte[] digest = sha256().digest(storedHash.getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(Arrays.copyOf(digest, SECRET_ID_BYTES));
    }

    private static byte[] digest(byte[] salt, String secret) {
        MessageDigest sha256 = sha256();
        sha256.update(salt);
        return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        byte[] value = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        return Base62.encode(value, CHECKSUM_LENGTH);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
