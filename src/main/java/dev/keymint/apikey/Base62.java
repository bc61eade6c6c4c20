package dev.keymint.apikey;

import java.math.BigInteger;

/** Fixed-width base62: URL-safe, form-safe and double-click selectable, unlike base64. */
final class Base62 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {
    }

    /** Encodes {@code bytes} as an unsigned number, left-padded with '0' to {@code width}. */
    static String encode(byte[] bytes, int width) {
        BigInteger value = new BigInteger(1, bytes);
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        if (value.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    static boolean isBase62(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
