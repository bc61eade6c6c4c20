package dev.keymint.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Repository;

/**
 * The IDs of revoked tokens, each kept until no verifier accepts the token any more anyway: its
 * {@code exp} plus the clock skew ({@code keymint.token.clock-skew}) that keymint and the resource
 * servers allow. The only rows tokens ever cause, and only when revoked.
 */
@Repository
class RevokedTokens implements SchedulingConfigurer {

    private final JdbcClient jdbc;
    private final Duration clockSkew;
    private final Duration cleanupInterval;
    private final Clock clock;

    RevokedTokens(JdbcClient jdbc, TokenProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.clockSkew = properties.clockSkew();
        this.cleanupInterval = properties.revokedCleanupInterval();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::removeExpired, cleanupInterval);
    }

    void revoke(String jti, String clientId, Instant expiresAt) {
        jdbc.sql("INSERT IGNORE INTO revoked_token (jti, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)")
                .params(jti, clientId, expiresAt.toEpochMilli(), clock.millis())
                .update();
    }

    boolean isRevoked(String jti) {
        return jdbc.sql("SELECT COUNT(*) FROM revoked_token WHERE jti = ?").param(jti).query(Long.class).single() > 0;
    }

    void removeExpired() {
        jdbc.sql("DELETE FROM revoked_token WHERE expires_at < ?").param(clock.millis() - clockSkew.toMillis()).update();
    }
}
