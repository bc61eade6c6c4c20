package dev.keymint.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record CreateMicrotenantRequest(@NotNull @ValidName String name, @Size(max = 512) String description) {
}
