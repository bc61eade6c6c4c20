package dev.keymint.admin;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record CreateRoleRequest(
        @NotNull @ValidName String name,
        @Size(max = 512) String description,
        @NotNull @Size(max = 500) List<@NotBlank @Size(max = 128) String> permissions) {
}
