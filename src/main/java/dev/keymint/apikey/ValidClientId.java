package dev.keymint.apikey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * A client ID chosen in the configuration (the bootstrap key's, a managed key's): 8-64 unreserved
 * URI characters, so that it needs no escaping in HTTP Basic, a form or a URL, and never holds the
 * colon the lockout relies on no key having. Null passes: whether one is required is the caller's
 * {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Pattern(regexp = "[A-Za-z0-9._~-]{8,64}")
@ReportAsSingleViolation
public @interface ValidClientId {

    String message() default "must be 8-64 characters of letters, digits, '.', '_', '~' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
