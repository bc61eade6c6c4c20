/**
 * The failure counter and the lock of a key, kept in the key's row so that every instance sees
 * them.
 */
@NullMarked
package dev.keymint.lockout;

import org.jspecify.annotations.NullMarked;
