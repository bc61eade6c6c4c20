/**
 * The signing keys: the keys folder, rotation, the JWK Set and the signature of a token.
 */
@NullMarked
package dev.keymint.signing;

import org.jspecify.annotations.NullMarked;
