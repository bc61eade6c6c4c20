/**
 * keymint's own Prometheus meters and the token endpoint's timing.
 */
@NullMarked
package dev.keymint.metrics;

import org.jspecify.annotations.NullMarked;
