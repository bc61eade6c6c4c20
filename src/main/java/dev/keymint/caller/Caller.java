package dev.keymint.caller;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated principal of an administration request, which every feature service checks
 * and the audit log names. Its own package, below every feature: it is neither a tenant concept
 * nor the HTTP layer's, and the audit log and the tenants must not depend on each other for it.
 *
 * <p>Who asks, the scope of what they may see (one customer, and within it one microtenant when
 * {@code microtenantId} is set), and what they hold.
 *
 * @param actor what the audit log names as the actor: a client ID, or an outside issuer's subject
 * @param permissions what the caller's access token grants now; nothing it grants, assigns or acts
 *        on may need more
 * @param clientId the caller's own API key, or null for an outside issuer's caller (whose subject
 *        may look like any client ID, so it never counts as one)
 */
public record Caller(String actor, String customerId, @Nullable String microtenantId, Set<String> permissions,
        @Nullable String clientId) {

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    /** A caller authenticated with a token keymint issued to one of its API keys. */
    public static Caller apiKey(String clientId, String customerId, @Nullable String microtenantId,
            Set<String> permissions) {
        return new Caller(clientId, customerId, microtenantId, permissions, clientId);
    }

    /** A caller authenticated with a token of a trusted outside issuer. */
    public static Caller outside(String subject, String customerId, @Nullable String microtenantId,
            Set<String> permissions) {
        return new Caller(subject, customerId, microtenantId, permissions, null);
    }

    public boolean isMicrotenantScoped() {
        return microtenantId != null;
    }

    /** Whether the caller is the API key {@code clientId} itself. */
    public boolean isKey(String clientId) {
        return this.clientId != null && this.clientId.equals(clientId);
    }
}
