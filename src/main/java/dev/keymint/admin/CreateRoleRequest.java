package dev.keymint.admin;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.ValidDescription;
import dev.keymint.common.ValidName;

record CreateRoleRequest(
        @NotNull @ValidName String name,
        @ValidDescription @Nullable String description,
        @NotNull @Size(max = 500) List<@NotBlank @Size(max = 128) String> permissions) {
}
