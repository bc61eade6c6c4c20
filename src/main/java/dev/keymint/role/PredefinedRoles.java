package dev.keymint.role;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the predefined roles of a customer in line with the catalogue: created when missing,
 * their permissions replaced (and version bumped) when the catalogue changed since.
 */
@Component
public class PredefinedRoles {

    private final JdbcClient jdbc;
    private final PermissionCatalogue catalogue;
    private final Clock clock;

    public PredefinedRoles(JdbcClient jdbc, PermissionCatalogue catalogue, Clock clock) {
        this.jdbc = jdbc;
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
        long now = clock.millis();
        String id = jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ? FOR UPDATE")
                .params(customerId, role.roleName())
                .query(String.class)
                .optional()
                .orElse(null);
        if (id == null) {
            id = UUID.randomUUID().toString();
            jdbc.sql("""
                    INSERT INTO role (id, customer_id, name, description, predefined, created_at, updated_at)
                    VALUES (?, ?, ?, ?, TRUE, ?, ?)
                    """)
                    .params(id, customerId, role.roleName(), role.description(), now, now)
                    .update();
        }
        Set<String> wanted = role.permissions(catalogue);
        List<String> held = jdbc.sql("SELECT permission FROM role_permission WHERE role_id = ?")
                .param(id).query(String.class).list();
        if (!new HashSet<>(held).equals(wanted)) {
            jdbc.sql("DELETE FROM role_permission WHERE role_id = ?").param(id).update();
            for (String permission : wanted) {
                jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)").params(id, permission).update();
            }
            jdbc.sql("UPDATE role SET version = version + 1, updated_at = ? WHERE id = ?").params(now, id).update();
        }
        return id;
    }
}
