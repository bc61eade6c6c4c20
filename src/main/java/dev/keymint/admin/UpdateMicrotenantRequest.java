package dev.keymint.admin;

import jakarta.validation.constraints.Size;

/** Absent (or null) fields stay as they are. */
record UpdateMicrotenantRequest(@ValidName String name, @Size(max = 512) String description) {
}
