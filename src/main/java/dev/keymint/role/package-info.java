/**
 * Roles, the permission catalogue, the predefined roles and the permissions of a role by version.
 */
@NullMarked
package dev.keymint.role;

import org.jspecify.annotations.NullMarked;
