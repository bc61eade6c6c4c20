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
 * A name of a key, role, microtenant or customer: 1-128 characters, not only blanks, and nothing
 * invisible or layout-changing (see {@link TextRules#refusedInName}), which would make lists, logs
 * and audit events show something other than what is stored. Null passes: whether a name is
 * required is the caller's {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = ValidName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Size(min = 1, max = 128, message = "must be 1 to 128 characters")
public @interface ValidName {

    String message() default "must not be blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidName, String> {

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            if (name == null) {
                return true;
            }
            String refused = TextRules.refusedInName(name);
            if (refused != null) {
                return TextRules.reject(context, refused);
            }
            return !TextRules.isBlank(name);
        }
    }
}
