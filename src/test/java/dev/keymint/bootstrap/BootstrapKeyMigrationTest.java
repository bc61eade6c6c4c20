package dev.keymint.bootstrap;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.db.EmbeddedMariaDbHandle;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.ScratchSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation from before keymint recorded its bootstrap key learns which key that is when
 * it is upgraded: the one its first start created, in the same instant as the installation.
 */
class BootstrapKeyMigrationTest extends KeymintHttpTest {

    static final long INSTALLED_AT = 1_700_000_000_000L;

    @Autowired
    EmbeddedMariaDbHandle database;

    @Test
    void anUpgradedInstallationRecordsTheKeyItsFirstStartCreatedAsBootstrapKey() {
        try (ScratchSchema schema = new ScratchSchema(database)) {
            JdbcClient jdbc = schema.jdbc();
            schema.migrateTo("2");
            jdbc.sql("INSERT INTO customer (id, name, created_at) VALUES ('c', 'Default', ?)").param(INSTALLED_AT).update();
            jdbc.sql("INSERT INTO installation (id, customer_id, created_at) VALUES (1, 'c', ?)").param(INSTALLED_AT).update();
            jdbc.sql("INSERT INTO role (id, customer_id, name, created_at, updated_at) VALUES ('r', 'c', 'API Full Access', ?, ?)")
                    .params(INSTALLED_AT, INSTALLED_AT).update();
            insertKey(jdbc, "kmc_a_managed_key", INSTALLED_AT, true);
            insertKey(jdbc, "kmc_bootstrap", INSTALLED_AT, false);
            insertKey(jdbc, "kmc_a_later_key", INSTALLED_AT + 1, false);

            schema.migrateToLatest();

            assertThat(jdbc.sql("SELECT bootstrap_client_id FROM installation WHERE id = 1").query(String.class).single())
                    .isEqualTo("kmc_bootstrap");
            assertThat(jdbc.sql("SELECT full_access_guard FROM customer WHERE id = 'c'").query(Long.class).single()).isZero();
        }
    }

    private static void insertKey(JdbcClient jdbc, String clientId, long createdAt, boolean readOnly) {
        jdbc.sql("""
                INSERT INTO api_key (client_id, customer_id, role_id, name, status, session_validity_seconds,
                    secret_hash, tokens_valid_after, read_only, created_at, updated_at)
                VALUES (?, 'c', 'r', ?, 'ENABLED', 3600, 's256$x$y', ?, ?, ?, ?)
                """).params(clientId, clientId, createdAt, readOnly, createdAt, createdAt).update();
    }
}
