package dev.keymint.role;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.db.EmbeddedMariaDbHandle;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.ScratchSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation upgraded from when {@code signing-keys:write} was in the catalogue loses it from
 * every role, so that no role is left that only a holder of a permission nobody can get may change.
 */
class SigningKeysPermissionMigrationTest extends KeymintHttpTest {

    static final long INSTALLED_AT = 1_700_000_000_000L;

    @Autowired
    EmbeddedMariaDbHandle database;

    @Test
    void anUpgradeTakesSigningKeysWriteFromEveryRoleWithANewVersion() {
        try (ScratchSchema schema = new ScratchSchema(database)) {
            JdbcClient jdbc = schema.jdbc();
            schema.migrateTo("3");
            jdbc.sql("INSERT INTO customer (id, name, created_at) VALUES ('c', 'Default', ?)").param(INSTALLED_AT).update();
            insertRole(jdbc, "custom", "Key rotator", "signing-keys:write", "audit:read");
            insertRole(jdbc, "other", "Auditor", "audit:read");

            schema.migrateToLatest();

            assertThat(permissions(jdbc, "custom")).containsExactly("audit:read");
            assertThat(permissions(jdbc, "other")).containsExactly("audit:read");
            assertThat(version(jdbc, "custom")).isEqualTo(1);
            assertThat(version(jdbc, "other")).isZero();
        }
    }

    private static void insertRole(JdbcClient jdbc, String id, String name, String... permissions) {
        jdbc.sql("INSERT INTO role (id, customer_id, name, created_at, updated_at) VALUES (?, 'c', ?, ?, ?)")
                .params(id, name, INSTALLED_AT, INSTALLED_AT).update();
        for (String permission : permissions) {
            jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)").params(id, permission).update();
        }
    }

    private static List<String> permissions(JdbcClient jdbc, String roleId) {
        return jdbc.sql("SELECT permission FROM role_permission WHERE role_id = ?").param(roleId).query(String.class).list();
    }

    private static long version(JdbcClient jdbc, String roleId) {
        return jdbc.sql("SELECT version FROM role WHERE id = ?").param(roleId).query(Long.class).single();
    }
}
