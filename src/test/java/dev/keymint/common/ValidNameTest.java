package dev.keymint.common;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules for names and descriptions, through Bean Validation as the API applies them. */
class ValidNameTest {

    record Named(@ValidName String name, @ValidDescription String description) {
    }

    static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    static Set<String> nameProblems(String name) {
        return messages(VALIDATOR.validate(new Named(name, null)));
    }

    static Set<String> descriptionProblems(String description) {
        return messages(VALIDATOR.validate(new Named(null, description)));
    }

    static Set<String> messages(Set<ConstraintViolation<Named>> violations) {
        return Set.copyOf(violations.stream().map(ConstraintViolation::getMessage).toList());
    }

    @Test
    void ordinaryNamesInAnyScriptPass() {
        for (String name : new String[] {"Deploy key", "a", "Ключ доставки", "配送キー", "x".repeat(128), "🔑 team"}) {
            assertThat(nameProblems(name)).as(name).isEmpty();
        }
    }

    @Test
    void absentPassesSinceRequiredIsTheCallersNotNull() {
        assertThat(nameProblems(null)).isEmpty();
        assertThat(descriptionProblems(null)).isEmpty();
    }

    @Test
    void aJoinedEmojiIsRefusedInANameSinceItsJoinerIsInvisible() {
        assertThat(nameProblems("👩\u200d💻 team")).singleElement().asString().contains("U+200D");
    }

    @Test
    void blankEmptyAndTooLongNamesAreRefused() {
        assertThat(nameProblems("   ")).containsExactly("must not be blank");
        assertThat(nameProblems("\u00a0\u3000")).containsExactly("must not be blank");
        assertThat(nameProblems("")).isNotEmpty();
        assertThat(nameProblems("x".repeat(129))).containsExactly("must be 1 to 128 characters");
    }

    @Test
    void invisibleAndLayoutChangingCharactersAreRefusedWithWhereTheyAre() {
        assertThat(nameProblems("ab\u0000c")).containsExactly("must not hold U+0000 (a control character), found at character 3");
        assertThat(nameProblems("admin\u200b")).singleElement().asString().contains("U+200B", "character 6");
        assertThat(nameProblems("a\u202eb")).singleElement().asString().contains("U+202E");
        assertThat(nameProblems("a\nb")).singleElement().asString().contains("U+000A");
        assertThat(nameProblems("a\u2028b")).singleElement().asString().contains("line or paragraph separator");
        assertThat(nameProblems("a\ud800b")).singleElement().asString().contains("surrogate");
    }

    @Test
    void descriptionsMaySpanLinesAndJoinEmojiButNotReorderText() {
        assertThat(descriptionProblems("line one\nline two\r\n\tindented")).isEmpty();
        assertThat(descriptionProblems("👩\u200d💻 zero-width joiner")).isEmpty();
        assertThat(descriptionProblems("bell \u0007")).singleElement().asString().contains("control character");
        assertThat(descriptionProblems("a\u2067b")).singleElement().asString().contains("bidirectional override");
    }
}
