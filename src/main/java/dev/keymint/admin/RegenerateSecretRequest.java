package dev.keymint.admin;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

record RegenerateSecretRequest(
        @Schema(description = "seconds the old secret keeps working; 0 or absent stops it at once (max configurable, default 7 days)")
        @Nullable Integer graceSeconds) {
}
