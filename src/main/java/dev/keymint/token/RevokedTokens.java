package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The IDs of revoked tokens, each kept until the token would have expired anyway; the only rows
 * tokens ever cause, and only when revoked.
 */
@Repository
class RevokedTokens {

    private final JdbcClient jdbc;
    private final Clock clock;

    RevokedTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void revoke(String jti, String clientId, Instant expiresAt) {
        jdbc.sql("INSERT IGNORE INTO revoked_token (jti, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)")
                .params(jti, clientId, expiresAt.toEpochMilli(), clock.millis())
                .update();
    }

    boolean isRevoked(String jti) {
        return jdbc.sql("SELECT COUNT(*) FROM revoked_token WHERE jti = ?").param(jti).query(Long.class).single() > 0;
    }

    @Scheduled(fixedDelayString = "${keymint.token.revoked-cleanup-interval:10m}")
    void removeExpired() {
        jdbc.sql("DELETE FROM revoked_token WHERE expires_at < ?").param(clock.millis()).update();
    }
}
