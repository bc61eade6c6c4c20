package dev.keymint.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The catalogue of keymint's RFC 9457 problem types, each with its status and title, whoever
 * answers: the administration API's controllers and security, and the filters that answer before
 * any of them (body too large, a dependency down, a URL the firewall rejects). It lives in the
 * HTTP layer because both of those use it, and feature packages, which know no HTTP, never do.
 */
public enum ProblemType {

    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    DELEGATION_CEILING(HttpStatus.FORBIDDEN, "Beyond the caller's permissions"),
    PROTECTED_KEY(HttpStatus.FORBIDDEN, "Protected key"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    CONFLICT(HttpStatus.CONFLICT, "Conflict"),
    DUPLICATE(HttpStatus.CONFLICT, "Duplicate name"),
    IN_USE(HttpStatus.CONFLICT, "In use"),
    READ_ONLY(HttpStatus.CONFLICT, "Read-only"),
    LAST_FULL_ACCESS_KEY(HttpStatus.CONFLICT, "Last full-access key"),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    CONTENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Content too large"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");

    private static final String URN_PREFIX = "urn:keymint:problem:";

    private final HttpStatus status;
    private final String title;
    private final URI uri;

    ProblemType(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
        this.uri = URI.create(URN_PREFIX + name().toLowerCase().replace('_', '-'));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return uri;
    }

    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri);
        problem.setTitle(title);
        return problem;
    }
}
