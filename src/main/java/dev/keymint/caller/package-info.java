/**
 * Who is calling the administration API: the principal every feature service checks and the
 * audit log names.
 */
@NullMarked
package dev.keymint.caller;

import org.jspecify.annotations.NullMarked;
