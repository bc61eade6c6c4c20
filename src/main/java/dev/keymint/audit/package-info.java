/**
 * The audit log of administrative changes and locks, and its retention.
 */
@NullMarked
package dev.keymint.audit;

import org.jspecify.annotations.NullMarked;
