package dev.keymint.apikey;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.PageRequest;

/**
 * Filters of the key list; null means "any".
 *
 * @param search part of the name (any case) or of the client ID
 * @param sort comma-separated fields, each optionally prefixed with {@code -} for descending
 */
public record ApiKeyQuery(@Nullable String search, @Nullable ApiKeyStatus status, @Nullable String roleId,
        @Nullable String microtenantId, @Nullable Boolean locked, @Nullable String sort, PageRequest page) {
}
