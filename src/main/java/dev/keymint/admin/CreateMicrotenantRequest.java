package dev.keymint.admin;

import jakarta.validation.constraints.NotNull;

import dev.keymint.common.ValidDescription;
import dev.keymint.common.ValidName;

record CreateMicrotenantRequest(@NotNull @ValidName String name, @ValidDescription String description) {
}
