package dev.keymint.common;

import java.util.function.IntFunction;

import jakarta.validation.ConstraintValidatorContext;

import org.jspecify.annotations.Nullable;

/**
 * The characters names and descriptions may hold, judged in one pass over the text. No regular
 * expression: a backtracking pattern over a name as large as a request body (1 MB) needs time
 * quadratic in its length, minutes of CPU per request.
 */
final class TextRules {

    private TextRules() {
    }

    /**
     * A name holds no control character (Unicode category Cc: C0, DEL, C1), no format character
     * (Cf: soft hyphen, zero-width spaces and joiners, bidirectional marks, embeddings, overrides
     * and isolates, tags), no line or paragraph separator (Zl, Zp) and no half of a surrogate pair
     * (Cs). Each of these either makes two different names look the same or changes how the text
     * around them is shown.
     *
     * @return what is wrong, for a message; null when nothing is
     */
    static @Nullable String refusedInName(String text) {
        return firstRefused(text, c -> switch (Character.getType(c)) {
            case Character.CONTROL -> "a control character";
            case Character.FORMAT -> "an invisible formatting character";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator";
            case Character.SURROGATE -> "half of a surrogate pair";
            default -> null;
        });
    }

    /**
     * A description may span lines (tab, line feed, carriage return) and may hold format characters
     * that words need (zero-width joiners in emoji and several scripts), but no other control
     * character, no line or paragraph separator, no half of a surrogate pair, and no bidirectional
     * embedding, override or isolate (U+202A-U+202E, U+2066-U+2069), which reorder the text shown
     * after them.
     *
     * @return what is wrong, for a message; null when nothing is
     */
    static @Nullable String refusedInDescription(String text) {
        return firstRefused(text, c -> switch (Character.getType(c)) {
            case Character.CONTROL -> c == '\t' || c == '\n' || c == '\r' ? null : "a control character";
            case Character.FORMAT -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    ? "a bidirectional override" : null;
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator";
            case Character.SURROGATE -> "half of a surrogate pair";
            default -> null;
        });
    }

    /** The first code point that {@code kind} names a kind for, described with its position. */
    private static @Nullable String firstRefused(String text, IntFunction<@Nullable String> kind) {
        int position = 1;
        for (int i = 0; i < text.length(); position++) {
            int c = text.codePointAt(i);
            String refused = kind.apply(c);
            if (refused != null) {
                return String.format("must not hold U+%04X (%s), found at character %d", c, refused, position);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** Only spaces of any kind (including no-break and ideographic spaces), or nothing. */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** Replaces the constraint's default message with {@code message}; always false. */
    static boolean reject(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        // the message holds no braces or dollar signs (see firstRefused), so interpolation leaves it as it is
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }
}
