package dev.keymint.apikey;

import dev.keymint.common.PageRequest;

/**
 * Filters of the key list; null means "any".
 *
 * @param search part of the name (any case) or of the client ID
 * @param sort comma-separated fields, each optionally prefixed with {@code -} for descending
 */
public record ApiKeyQuery(String search, ApiKeyStatus status, String roleId, String microtenantId, Boolean locked,
        String sort, PageRequest page) {
}
