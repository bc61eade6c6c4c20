/**
 * The first start: the installation's customer, the predefined roles and the bootstrap
 * administrator key.
 */
@NullMarked
package dev.keymint.bootstrap;

import org.jspecify.annotations.NullMarked;
