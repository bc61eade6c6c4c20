package dev.keymint.apikey;

/**
 * A key to create. Null means "the default": the configured session validity, the caller's own
 * microtenant (or none), no expiry, enabled.
 */
public record ApiKeyDraft(String name, String roleId, Integer sessionValiditySeconds, String microtenantId,
        Integer lifetimeDays, Boolean enabled) {
}
