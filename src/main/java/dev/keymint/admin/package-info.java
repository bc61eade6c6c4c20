/**
 * The administration API under {@code /api/v1}: REST controllers, their views and requests, its
 * resource-server security and its problem details. The one layer package: features never import
 * it.
 */
@NullMarked
package dev.keymint.admin;

import org.jspecify.annotations.NullMarked;
