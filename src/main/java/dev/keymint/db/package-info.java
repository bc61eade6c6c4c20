/**
 * The embedded MariaDB that runs when no {@code spring.datasource.url} is set.
 */
@NullMarked
package dev.keymint.db;

import org.jspecify.annotations.NullMarked;
