/**
 * A compact JSON writer for the documents written on hot paths.
 */
@NullMarked
package dev.keymint.json;

import org.jspecify.annotations.NullMarked;
