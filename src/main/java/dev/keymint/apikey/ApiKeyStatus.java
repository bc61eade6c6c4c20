package dev.keymint.apikey;

public enum ApiKeyStatus {
    ENABLED,
    DISABLED
}
