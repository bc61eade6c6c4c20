package dev.keymint.web;

/**
 * The character rules of Spring Security's {@code StrictHttpFirewall} for header names, header
 * values and parameter names, as loops over the code points instead of its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for header values the same with a tab
 * allowed). The firewall checks every header a filter reads, the Basic credentials of every token
 * request included, and its expressions cost ~3 µs of each request (docs/benchmarks.md).
 * {@code FirewallCharactersTest} holds both to the same answer for every code point.
 */
final class FirewallCharacters {

    private FirewallCharacters() {
    }

    /** Every code point assigned in Unicode and none a control character. */
    static boolean assignedAndNotControl(String value) {
        return assignedAndNotControl(value, false);
    }

    /** As {@link #assignedAndNotControl(String)}, and a tab allowed: the rule for header values. */
    static boolean assignedAndNotControlOrTab(String value) {
        return assignedAndNotControl(value, true);
    }

    private static boolean assignedAndNotControl(String value, boolean tabAllowed) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
