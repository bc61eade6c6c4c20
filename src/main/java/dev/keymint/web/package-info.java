/**
 * The HTTP layer shared by every endpoint: the filters that answer before any controller, the
 * security of the chains, and the one writer of error bodies with the catalogue of problem types.
 */
@NullMarked
package dev.keymint.web;

import org.jspecify.annotations.NullMarked;
