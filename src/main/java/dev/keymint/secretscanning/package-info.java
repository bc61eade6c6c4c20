/**
 * The unauthenticated endpoint for secret-scanning partners (GitHub's partner programme and the
 * like): reports of leaked keymint secrets, their signatures, and the background queue that acts
 * on them, so that the answer is the same whether or not a secret matched.
 */
@NullMarked
package dev.keymint.secretscanning;

import org.jspecify.annotations.NullMarked;
