package dev.keymint.audit;

/** What an audit event records; the value is {@code <target type>.<verb>}. */
public enum AuditAction {

    API_KEY_CREATED("api-key.created"),
    API_KEY_UPDATED("api-key.updated"),
    API_KEY_ENABLED("api-key.enabled"),
    API_KEY_DISABLED("api-key.disabled"),
    API_KEY_SECRET_REGENERATED("api-key.secret-regenerated"),
    API_KEY_UNLOCKED("api-key.unlocked"),
    API_KEY_LOCKED("api-key.locked"),
    API_KEY_DELETED("api-key.deleted"),
    API_KEY_TOKEN_REVOKED("api-key.token-revoked"),
    API_KEY_SECRET_REPORTED("api-key.secret-reported"),
    ROLE_CREATED("role.created"),
    ROLE_UPDATED("role.updated"),
    ROLE_DELETED("role.deleted"),
    MICROTENANT_CREATED("microtenant.created"),
    MICROTENANT_UPDATED("microtenant.updated"),
    MICROTENANT_DELETED("microtenant.deleted");

    private final String value;

    AuditAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String targetType() {
        return value.substring(0, value.indexOf('.'));
    }
}
