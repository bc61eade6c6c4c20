package dev.keymint.web;

/**
 * Something keymint depends on, other than its database, cannot answer right now (a trusted
 * issuer's JWK Set, for one). Thrown from anywhere in a request, it becomes a 503 problem with
 * {@code Retry-After} and this exception's message as its detail, so the message must be fit for
 * any caller: what is down, never a secret or another exception's text.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
