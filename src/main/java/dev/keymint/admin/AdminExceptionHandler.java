package dev.keymint.admin;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.keymint.common.ConflictException;
import dev.keymint.common.ForbiddenException;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.NotFoundException;
import dev.keymint.common.PreconditionFailedException;
import dev.keymint.web.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the administration API as RFC 9457 problem details. Spring MVC's own exceptions
 * keep their status; validation problems add an {@code errors} list of {@code {field, message}}
 * so that a client can point at each offending field.
 */
@RestControllerAdvice
class AdminExceptionHandler extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    record FieldMessage(String field, String message) {
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(ProblemType.NOT_FOUND.problem(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        ProblemType type = switch (e.reason()) {
            case DUPLICATE -> ProblemType.DUPLICATE;
            case IN_USE -> ProblemType.IN_USE;
            case READ_ONLY -> ProblemType.READ_ONLY;
            case CONCURRENT_CHANGE -> ProblemType.CONFLICT;
            case LAST_FULL_ACCESS_KEY -> ProblemType.LAST_FULL_ACCESS_KEY;
        };
        return respond(type.problem(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailedException e) {
        return respond(ProblemType.PRECONDITION_FAILED.problem(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        ProblemType type = switch (e.reason()) {
            case OUT_OF_SCOPE -> ProblemType.FORBIDDEN;
            case BEYOND_HELD_PERMISSIONS -> ProblemType.DELEGATION_CEILING;
            case PROTECTED_KEY -> ProblemType.PROTECTED_KEY;
        };
        ProblemDetail problem = type.problem(e.getMessage());
        if (!e.missingPermissions().isEmpty()) {
            problem.setProperty("missingPermissions", e.missingPermissions());
        }
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return respond(invalid(e.problems().stream().map(p -> new FieldMessage(p.field(), p.message())).toList()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldMessage> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new FieldMessage(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldMessage(error.getObjectName(), error.getDefaultMessage())));
        return respond(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldMessage> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldMessage(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return respond(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return respond(invalid(List.of(new FieldMessage(field, "must be " + describe(e.getRequiredType())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = invalid(List.of(new FieldMessage(path(unknown), "is not a known field; known fields: "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()))));
        } else if (cause instanceof InputCoercionException outOfRange) {
            problem = invalid(List.of(new FieldMessage(path(outOfRange), "is a number out of range")));
        } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            problem = invalid(List.of(new FieldMessage(path(mismatched), "must be " + describe(mismatched.getTargetType()))));
        } else if (cause instanceof JacksonException malformed) {
            problem = ProblemType.INVALID_REQUEST.problem("The request body is not valid JSON: "
                    + malformed.getOriginalMessage());
        } else {
            problem = ProblemType.INVALID_REQUEST.problem("The request needs a JSON body.");
        }
        return respond(problem);
    }

    /** Spring's own problem details leave {@code type} unset; every problem of this API names one. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(ABOUT_BLANK);
        }
        return response;
    }

    private static ProblemDetail invalid(List<FieldMessage> errors) {
        ProblemDetail problem = ProblemType.INVALID_REQUEST.problem(errors.isEmpty()
                ? "The request is invalid."
                : "The request has " + errors.size() + " invalid field(s): "
                        + String.join(", ", errors.stream().map(FieldMessage::field).distinct().toList()) + ".");
        problem.setProperty("errors", errors.stream().map(error -> Map.of("field", error.field(),
                "message", error.message())).toList());
        return problem;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What a value of {@code type} looks like, for a query parameter and a JSON member alike. */
    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number within range";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        return "a JSON object";
    }

    /** Typed for the {@code ResponseEntityExceptionHandler} overrides and the handlers alike. */
    private static <T> ResponseEntity<T> respond(ProblemDetail problem) {
        @SuppressWarnings("unchecked")
        T body = (T) problem;
        return ResponseEntity.status(problem.getStatus()).body(body);
    }
}
