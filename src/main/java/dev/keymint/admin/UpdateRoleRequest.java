package dev.keymint.admin;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.ValidDescription;
import dev.keymint.common.ValidName;

/** Absent (or null) fields stay as they are; {@code permissions} replaces the whole set. */
record UpdateRoleRequest(
        @ValidName @Nullable String name,
        @ValidDescription @Nullable String description,
        @Size(max = 500) @Nullable List<@NotBlank @Size(max = 128) String> permissions) {
}
