package dev.keymint.admin;

import dev.keymint.common.ValidDescription;
import dev.keymint.common.ValidName;

/** Absent (or null) fields stay as they are. */
record UpdateMicrotenantRequest(@ValidName String name, @ValidDescription String description) {
}
