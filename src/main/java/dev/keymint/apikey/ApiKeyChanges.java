package dev.keymint.apikey;

/** The fields an administrator may change on a key; null leaves a field as it is. */
public record ApiKeyChanges(String name, String roleId, Integer sessionValiditySeconds, Boolean enabled) {
}
