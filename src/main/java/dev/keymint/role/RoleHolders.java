package dev.keymint.role;

import java.time.Instant;
import java.util.Collection;

/**
 * What the {@link TrustPolicy} must know of the keys that hold roles. The key package answers
 * (its repository owns the key table), so that the roles depend on no key type.
 */
public interface RoleHolders {

    /** Whether the key {@code clientId} holds the role {@code roleId}. */
    boolean holdsRole(String clientId, String roleId);

    /**
     * The customer's enabled keys outside any microtenant, unexpired at {@code now}, whose role
     * holds every one of {@code permissions}. A locking read, so that it sees the latest committed
     * state even in a transaction whose snapshot is older.
     */
    int countFullAccessKeys(String customerId, Collection<String> permissions, Instant now);
}
