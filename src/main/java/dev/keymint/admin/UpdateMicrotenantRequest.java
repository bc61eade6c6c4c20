package dev.keymint.admin;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.ValidDescription;
import dev.keymint.common.ValidName;

/** Absent (or null) fields stay as they are. */
record UpdateMicrotenantRequest(@ValidName @Nullable String name, @ValidDescription @Nullable String description) {
}
