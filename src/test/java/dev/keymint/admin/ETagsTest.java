package dev.keymint.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9110 §8.8.3 and §13.1.1: strong tags, strong comparison. */
class ETagsTest {

    @Test
    void aTagIsTheVersionQuoted() {
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
    }

    @Test
    void ifMatchAcceptsTheVersionsOfItsStrongTags() {
        assertThat(ETags.ifMatch("\"3\"")).containsExactly(3L);
        assertThat(ETags.ifMatch(" \"3\" , \"5\",\"8\" ")).containsExactlyInAnyOrder(3L, 5L, 8L);
    }

    @Test
    void noHeaderOrAStarAsksNothingOfTheVersion() {
        assertThat(ETags.ifMatch(null)).isNull();
        assertThat(ETags.ifMatch("")).isNull();
        assertThat(ETags.ifMatch(" * ")).isNull();
    }

    @Test
    void weakMalformedAndForeignTagsMatchNothing() {
        assertThat(ETags.ifMatch("W/\"3\"")).isEmpty();
        assertThat(ETags.ifMatch("3")).isEmpty();
        assertThat(ETags.ifMatch("\"\"")).isEmpty();
        assertThat(ETags.ifMatch("\"abc\"")).isEmpty();
        assertThat(ETags.ifMatch("\"99999999999999999999\"")).isEmpty();
        assertThat(ETags.ifMatch("W/\"3\", \"4\"")).containsExactly(4L);
    }
}
