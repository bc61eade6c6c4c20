package dev.keymint.admin;

import jakarta.validation.constraints.Size;

import dev.keymint.common.ValidName;

/** Absent (or null) fields stay as they are. */
record UpdateApiKeyRequest(
        @ValidName String name,
        @Size(max = 64) String roleId,
        Integer sessionValiditySeconds,
        Boolean enabled) {
}
