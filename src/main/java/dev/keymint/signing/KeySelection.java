package dev.keymint.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import dev.keymint.signing.SigningKeys.Snapshot;

/**
 * The rules of rotation, apart from the folder they are read from: which of the stored keys signs
 * at a given moment and which are published. Every instance applies them to the same folder and
 * clock, so they agree without talking to each other.
 *
 * @param reloadInterval how often every instance re-reads the folder: a new key signs only once
 *        every instance has published it, one interval after its {@code iat}
 * @param tokenVerificationWindow how long after a key last signed its tokens can still be
 *        presented: the longest token lifetime plus the clock skew verifiers tolerate
 */
record KeySelection(SigningAlgorithm algorithm, Duration reloadInterval, Duration tokenVerificationWindow) {

    /** A key as read from the folder, with the {@code iat} it was stamped with. */
    record StoredKey(JWK jwk, Instant issuedAt) {
    }

    static final Comparator<StoredKey> NEWEST_FIRST = Comparator.comparing(StoredKey::issuedAt).reversed()
            .thenComparing(key -> key.jwk().getKeyID());

    /**
     * The newest key of the configured algorithm that every instance has had time to publish signs
     * (or the oldest one, while none has); every key is published until it is retired.
     *
     * @param keys at least one of which {@link #canSign can sign}
     */
    Snapshot select(List<StoredKey> keys, Instant now) {
        List<StoredKey> signers = keys.stream().filter(this::canSign).sorted(NEWEST_FIRST).toList();
        Instant spread = now.minus(reloadInterval);
        StoredKey signing = signers.stream()
                .filter(key -> !key.issuedAt().isAfter(spread))
                .findFirst()
                .orElse(signers.getLast());
        List<JWK> published = keys.stream()
                .filter(key -> key == signing || !isRetired(key, signers, now))
                .sorted(NEWEST_FIRST)
                .map(StoredKey::jwk)
                .toList();
        return new Snapshot(new JWKSet(published), signing.jwk());
    }

    boolean canSign(StoredKey key) {
        JWK jwk = key.jwk();
        return jwk.getKeyType().equals(algorithm.keyType())
                && (jwk.getAlgorithm() == null || jwk.getAlgorithm().equals(algorithm.jwsAlgorithm()));
    }

    // Retired once the first newer key of the configured algorithm has been signing everywhere
    // for longer than any token lives; a key with no such successor may still be signing somewhere.
    private boolean isRetired(StoredKey key, List<StoredKey> signersNewestFirst, Instant now) {
        StoredKey successor = null;
        for (StoredKey candidate : signersNewestFirst) {
            if (NEWEST_FIRST.compare(candidate, key) >= 0) {
                break;
            }
            successor = candidate;
        }
        return successor != null && !now.isBefore(successor.issuedAt()
                .plus(reloadInterval.multipliedBy(2))
                .plus(tokenVerificationWindow));
    }
}
