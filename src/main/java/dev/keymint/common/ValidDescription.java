package dev.keymint.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;

/**
 * A free-text description of a role or microtenant: at most 512 characters, several lines allowed,
 * but no other control characters and nothing that reorders what is shown (see
 * {@link TextRules#refusedInDescription}). Null passes.
 */
@Documented
@Constraint(validatedBy = ValidDescription.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Size(max = 512, message = "must be at most 512 characters")
public @interface ValidDescription {

    String message() default "is not a valid description";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidDescription, String> {

        @Override
        public boolean isValid(String description, ConstraintValidatorContext context) {
            String refused = description == null ? null : TextRules.refusedInDescription(description);
            return refused == null || TextRules.reject(context, refused);
        }
    }
}
