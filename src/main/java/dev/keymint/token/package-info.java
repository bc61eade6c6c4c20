/**
 * The authorization server: client authentication with API keys, token claims, introspection,
 * revocation and the token endpoint's errors.
 */
@NullMarked
package dev.keymint.token;

import org.jspecify.annotations.NullMarked;
