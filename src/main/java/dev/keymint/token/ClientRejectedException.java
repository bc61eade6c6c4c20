package dev.keymint.token;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * {@code invalid_client} for credentials that keymint refused: an expected answer, not a fault, so
 * it carries no stack trace. Filling one in walked the ~60 frames of the filter chain on every
 * rejected request, about a tenth of the CPU of a locked-key reject (docs/benchmarks.md).
 */
class ClientRejectedException extends OAuth2AuthenticationException {

    ClientRejectedException(OAuth2Error error) {
        super(error);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
