package dev.keymint.token;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/** invalid_client for a locked key, carrying how long until it may try again. */
class ClientLockedException extends ClientRejectedException {

    private final long retryAfterSeconds;

    ClientLockedException(Instant lockedUntil, Instant now) {
        super(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                "The client is locked after too many failed authentication attempts; retry after "
                        + lockedUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".", null));
        this.retryAfterSeconds = Math.max(1, (Duration.between(now, lockedUntil).toMillis() + 999) / 1000);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
