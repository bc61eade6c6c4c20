/**
 * Customers and their microtenants, and who is calling.
 */
@NullMarked
package dev.keymint.tenant;

import org.jspecify.annotations.NullMarked;
