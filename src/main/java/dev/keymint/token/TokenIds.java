package dev.keymint.token;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * {@code jti} values as UUID version 7 (RFC 9562): unique, cheap to make, and carrying the
 * millisecond the token was issued, which {@code iat} (whole seconds) cannot. Introspection
 * compares that millisecond with the key's "tokens before this are void" instant, so a token
 * issued a moment after a secret regeneration stays active and one issued a moment before does
 * not.
 */
final class TokenIds {

    private TokenIds() {
    }

    static String newId(Instant issuedAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = issuedAt.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** The issue instant of a version 7 ID; null for anything else. */
    static @Nullable Instant issuedAt(@Nullable String jti) {
        try {
            UUID uuid = UUID.fromString(jti);
            return uuid.version() == 7 ? Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16) : null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
