/**
 * The administration console: static pages served at {@code /console/} that work only through the
 * public administration API, with the headers that confine them to their own origin.
 */
@NullMarked
package dev.keymint.console;

import org.jspecify.annotations.NullMarked;
