/**
 * Customers, their microtenants and the installation row.
 */
@NullMarked
package dev.keymint.tenant;

import org.jspecify.annotations.NullMarked;
