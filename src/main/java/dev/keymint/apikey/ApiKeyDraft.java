package dev.keymint.apikey;

import org.jspecify.annotations.Nullable;

/**
 * A key to create. Null means "the default": the configured session validity, the caller's own
 * microtenant (or none), no expiry, enabled.
 */
public record ApiKeyDraft(String name, String roleId, @Nullable Integer sessionValiditySeconds,
        @Nullable String microtenantId, @Nullable Integer lifetimeDays, @Nullable Boolean enabled) {
}
