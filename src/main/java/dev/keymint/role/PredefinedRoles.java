package dev.keymint.role;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the predefined roles of a customer in line with the catalogue: created when missing,
 * their permissions replaced (and version bumped) when the catalogue changed since.
 */
@Component
public class PredefinedRoles {

    private final RoleRepository roles;
    private final PermissionCatalogue catalogue;
    private final Clock clock;

    PredefinedRoles(RoleRepository roles, PermissionCatalogue catalogue, Clock clock) {
        this.roles = roles;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Returns the ID of the customer's API Full Access role. */
    @Transactional
    public String synchronize(String customerId) {
        String fullAccessId = null;
        for (PredefinedRole role : PredefinedRole.values()) {
            String id = synchronize(customerId, role);
            if (role == PredefinedRole.API_FULL_ACCESS) {
                fullAccessId = id;
            }
        }
        return fullAccessId;
    }

    private String synchronize(String customerId, PredefinedRole role) {
        Instant now = clock.instant();
        String id = roles.idByNameForUpdate(customerId, role.roleName()).orElse(null);
        if (id == null) {
            id = UUID.randomUUID().toString();
            roles.insert(id, customerId, role.roleName(), role.description(), true, now);
        }
        Set<String> wanted = role.permissions(catalogue);
        if (!new HashSet<>(roles.permissions(id)).equals(wanted)) {
            roles.replacePermissions(id, wanted);
            roles.bumpVersion(id, now);
        }
        return id;
    }
}
