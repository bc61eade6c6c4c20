package dev.keymint.signing;

import java.time.Duration;

/**
 * What the tokens signed with these keys demand of them, provided by the package that issues the
 * tokens, so that signing knows nothing of tokens, keys or clients.
 */
public interface SigningPolicy {

    /** The algorithm new keys are made for and sign with. */
    SigningAlgorithm algorithm();

    /**
     * How long after it signed its last token a retired key must stay published: as long as any
     * token it signed may still be accepted somewhere (the longest token lifetime plus the clock
     * skew resource servers allow).
     */
    Duration retiredKeyRetention();
}
