package dev.keymint.web;

import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FirewallCharacters} answers what the regular expressions of Spring Security's
 * {@code StrictHttpFirewall} answer, for every code point alone and within a string.
 */
class FirewallCharactersTest {

    // StrictHttpFirewall's own expressions (Spring Security 7.1)
    static final Pattern ASSIGNED_AND_NOT_ISO_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void namesAnswerAsTheFirewallsExpressionForEveryCodePoint() {
        assertSameForEveryCodePoint(FirewallCharacters::assignedAndNotControl, ASSIGNED_AND_NOT_ISO_CONTROL);
    }

    @Test
    void headerValuesAnswerAsTheFirewallsExpressionForEveryCodePoint() {
        assertSameForEveryCodePoint(FirewallCharacters::assignedAndNotControlOrTab, HEADER_VALUE);
    }

    @Test
    void stringsAnswerAsTheExpressionsWhereverTheOffendingCharacterIs() {
        String[] values = {"", "Basic a21jX2JlbmNoOmttc19zZWNyZXQ=", "a\tb", "a\u0001b", "\u007f", "line\r\nbreak",
                "caf\u00e9 \ud83d\ude00", "lone \ud83d surrogate", "\ude00 lone low", "unassigned \u0378 here",
                "end\u0000", "\u2028 separator"};
        for (String value : values) {
            assertThat(FirewallCharacters.assignedAndNotControl(value)).as(value)
                    .isEqualTo(ASSIGNED_AND_NOT_ISO_CONTROL.matcher(value).matches());
            assertThat(FirewallCharacters.assignedAndNotControlOrTab(value)).as(value)
                    .isEqualTo(HEADER_VALUE.matcher(value).matches());
        }
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\tb")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControl("a\tb")).isFalse();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\u0001b")).isFalse();
    }

    static void assertSameForEveryCodePoint(Predicate<String> rule, Pattern expression) {
        int differences = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String within = "a" + alone + "b";
            if (rule.test(alone) != expression.matcher(alone).matches()
                    || rule.test(within) != expression.matcher(within).matches()) {
                differences++;
            }
        }
        assertThat(differences).isZero();
    }
}
