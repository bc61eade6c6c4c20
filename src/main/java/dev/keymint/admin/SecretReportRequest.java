package dev.keymint.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** A leaked secret, reported by an administrator. */
record SecretReportRequest(
        @Schema(description = "the leaked secret, as keymint generated it (kms_...)")
        @NotBlank @Size(max = 256) String secret) {

    /** Without the secret, should this object ever reach a log. */
    @Override
    public String toString() {
        return "SecretReportRequest[secret=redacted]";
    }
}
