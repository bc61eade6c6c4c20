package dev.keymint.apikey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base62Test {

    @Test
    void encodesAnUnsignedNumberLeftPaddedToTheWidth() {
        assertThat(Base62.encode(new byte[] {0}, 3)).isEqualTo("000");
        assertThat(Base62.encode(new byte[] {61}, 3)).isEqualTo("00z");
        assertThat(Base62.encode(new byte[] {62}, 3)).isEqualTo("010");
        // the top bit is magnitude, not sign
        assertThat(Base62.encode(new byte[] {(byte) 0xFF}, 2)).isEqualTo("47");
    }

    @Test
    void thirtyTwoBytesAlwaysFitInFortyThreeCharacters() {
        byte[] largest = new byte[32];
        java.util.Arrays.fill(largest, (byte) 0xFF);

        assertThat(Base62.encode(largest, 43)).hasSize(43).doesNotStartWith("0");
        assertThat(Base62.encode(new byte[32], 43)).isEqualTo("0".repeat(43));
    }

    @Test
    void aValueWiderThanTheWidthIsRefused() {
        assertThatThrownBy(() -> Base62.encode(new byte[] {62}, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyDigitsAndAsciiLettersAreBase62() {
        assertThat(Base62.isBase62("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")).isTrue();
        assertThat(Base62.isBase62("")).isTrue();
        for (String other : new String[] {"-", "_", "+", "/", "=", " ", "é", "٣"}) {
            assertThat(Base62.isBase62("ab" + other)).as(other).isFalse();
        }
    }
}
