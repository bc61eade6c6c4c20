package dev.keymint.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.keymint.signing.KeySelection.StoredKey;
import dev.keymint.signing.SigningKeys.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation rules on their own: which key signs and which are published, by time alone. */
class KeySelectionTest {

    static final Duration RELOAD = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofHours(1);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final KeySelection RS256 = new KeySelection(SigningAlgorithm.RS256, RELOAD, WINDOW);

    static JWK first;
    static JWK second;
    static JWK ec;

    @BeforeAll
    static void keys() throws JOSEException {
        first = new RSAKeyGenerator(2048).keyID("a-first").generate();
        second = new RSAKeyGenerator(2048).keyID("b-second").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("c-ec").generate();
    }

    static List<String> published(Snapshot snapshot) {
        return snapshot.all().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void aNewKeyIsPublishedAtOnceButSignsOnlyOnceEveryInstanceHadAReloadIntervalToPublishIt() {
        List<StoredKey> keys = List.of(new StoredKey(first, T0), new StoredKey(second, T0.plus(Duration.ofDays(1))));
        Instant added = T0.plus(Duration.ofDays(1));

        Snapshot justAdded = RS256.select(keys, added.plusSeconds(29));
        assertThat(justAdded.signing().getKeyID()).isEqualTo("a-first");
        assertThat(published(justAdded)).containsExactly("b-second", "a-first");

        assertThat(RS256.select(keys, added.plus(RELOAD)).signing().getKeyID()).isEqualTo("b-second");
    }

    @Test
    void theOldKeyLeavesTheSetWhenItsLastTokenCanNoLongerBePresentedAnywhere() {
        Instant added = T0.plus(Duration.ofDays(1));
        List<StoredKey> keys = List.of(new StoredKey(first, T0), new StoredKey(second, added));
        Instant leaves = added.plus(RELOAD.multipliedBy(2)).plus(WINDOW);

        assertThat(published(RS256.select(keys, leaves.minusMillis(1)))).containsExactly("b-second", "a-first");
        assertThat(published(RS256.select(keys, leaves))).containsExactly("b-second");
    }

    @Test
    void aLoneKeySignsAtOnceAndKeysOfTwinIssueTimesAreOrderedByKid() {
        assertThat(RS256.select(List.of(new StoredKey(second, T0)), T0).signing().getKeyID()).isEqualTo("b-second");

        List<StoredKey> twins = List.of(new StoredKey(second, T0), new StoredKey(first, T0));
        assertThat(RS256.select(twins, T0.plus(RELOAD)).signing().getKeyID()).isEqualTo("a-first");
    }

    @Test
    void aKeyOfAnotherAlgorithmNeverSigns() {
        List<StoredKey> keys = List.of(new StoredKey(first, T0), new StoredKey(ec, T0.plus(Duration.ofDays(1))));

        Snapshot snapshot = RS256.select(keys, T0.plus(Duration.ofDays(2)));

        assertThat(snapshot.signing().getKeyID()).isEqualTo("a-first");
        assertThat(RS256.canSign(keys.get(1))).isFalse();
        assertThat(new KeySelection(SigningAlgorithm.ES256, RELOAD, WINDOW).canSign(keys.get(1))).isTrue();
    }
}
