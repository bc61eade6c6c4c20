package dev.keymint.tenant;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements on {@code installation}, the one row that says which customer this installation
 * was started for and which key is its bootstrap administrator key.
 */
@Repository
public class InstallationRepository {

    private final JdbcClient jdbc;

    public InstallationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the first start for {@code customerId}; false when another start (of this or any other
     * instance) claimed it first.
     */
    public boolean claimFirstStart(String customerId, Instant now) {
        return jdbc.sql("INSERT IGNORE INTO installation (id, customer_id, created_at) VALUES (1, ?, ?)")
                .params(customerId, now.toEpochMilli())
                .update() > 0;
    }

    /** The customer the installation was first started for. */
    public String customerId() {
        return jdbc.sql("SELECT customer_id FROM installation WHERE id = 1").query(String.class).single();
    }

    public void recordBootstrapKey(String clientId) {
        jdbc.sql("UPDATE installation SET bootstrap_client_id = ? WHERE id = 1").param(clientId).update();
    }

    public boolean isBootstrapKey(String clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM installation WHERE id = 1 AND bootstrap_client_id = ?")
                .param(clientId).query(Long.class).single() > 0;
    }

    public Optional<String> bootstrapKey() {
        return jdbc.sql("SELECT bootstrap_client_id FROM installation WHERE id = 1 AND bootstrap_client_id IS NOT NULL")
                .query(String.class).optional();
    }

    /** After the bootstrap key deleted itself: no later key with the same client ID inherits the protection. */
    public void forgetBootstrapKey(String clientId) {
        jdbc.sql("UPDATE installation SET bootstrap_client_id = NULL WHERE bootstrap_client_id = ?").param(clientId).update();
    }
}
