/**
 * What every feature shares: its exceptions, paging, versions and the rules for names and
 * descriptions.
 */
@NullMarked
package dev.keymint.common;

import org.jspecify.annotations.NullMarked;
