package dev.keymint.admin;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.ValidDescription;
import dev.keymint.common.ValidName;

record CreateMicrotenantRequest(@NotNull @ValidName String name, @ValidDescription @Nullable String description) {
}
