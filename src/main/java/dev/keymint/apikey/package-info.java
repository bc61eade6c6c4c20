/**
 * API keys: the key row, its secrets (generation, format, hashing), reading keys on the token
 * path and recording their use.
 */
@NullMarked
package dev.keymint.apikey;

import org.jspecify.annotations.NullMarked;
