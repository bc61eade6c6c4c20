package dev.keymint.support;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.keymint.db.EmbeddedMariaDbHandle;

/**
 * A schema of its own in the embedded MariaDB, outside any application context, for migration
 * tests: migrate it to an older version, put an old installation's rows in, then migrate it to
 * the latest. Dropped when closed.
 */
public final class ScratchSchema implements AutoCloseable {

    private final DriverManagerDataSource dataSource;
    private final JdbcClient jdbc;
    private final String name = "upgrade_" + UUID.randomUUID().toString().replace("-", "");

    public ScratchSchema(EmbeddedMariaDbHandle database) {
        this.dataSource = new DriverManagerDataSource("jdbc:mariadb://127.0.0.1:" + database.db().port() + "/" + name
                + "?createDatabaseIfNotExist=true", "root", database.db().rootPassword());
        this.jdbc = JdbcClient.create(dataSource);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public void migrateTo(String version) {
        Flyway.configure().dataSource(dataSource).target(version).load().migrate();
    }

    public void migrateToLatest() {
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    @Override
    public void close() {
        jdbc.sql("DROP DATABASE IF EXISTS " + name).update();
    }
}
