/**
 * keymint: an OAuth 2.0 authorization server that exchanges API keys for short-lived JWT access
 * tokens.
 */
@NullMarked
package dev.keymint;

import org.jspecify.annotations.NullMarked;
