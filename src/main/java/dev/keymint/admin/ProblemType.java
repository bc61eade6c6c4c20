package dev.keymint.admin;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem types of the administration API (RFC 9457), each with its status and title. */
enum ProblemType {

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
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "Precondition failed");

    private final HttpStatus status;
    private final String title;

    ProblemType(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    URI uri() {
        return URI.create("urn:keymint:problem:" + name().toLowerCase().replace('_', '-'));
    }

    ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri());
        problem.setTitle(title);
        return problem;
    }
}
