package dev.keymint.db;

import org.springframework.beans.factory.DisposableBean;

/**
 * This application context's hold on the JVM's embedded MariaDB. It is destroyed after the
 * DataSource that depends on it, so the pool closes before the server stops.
 */
public record EmbeddedMariaDbHandle(EmbeddedMariaDb db) implements DisposableBean {

    @Override
    public void destroy() {
        EmbeddedMariaDb.release(db);
    }
}
