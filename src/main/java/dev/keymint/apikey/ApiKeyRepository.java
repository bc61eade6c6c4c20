package dev.keymint.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ApiKeyRepository {

    static final String SELECT = """
            SELECT k.*, r.name AS role_name, r.version AS role_version
              FROM api_key k JOIN role r ON r.id = k.role_id
            """;

    static final RowMapper<ApiKey> ROW_MAPPER = ApiKeyRepository::map;

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One primary-key read: everything the token endpoint needs to decide. */
    public Optional<ApiKey> findByClientId(String clientId) {
        return jdbc.sql(SELECT + " WHERE k.client_id = ?").param(clientId).query(ROW_MAPPER).optional();
    }

    public void insert(NewApiKey key) {
        jdbc.sql("""
                INSERT INTO api_key (client_id, customer_id, microtenant_id, role_id, name, status,
                    session_validity_seconds, secret_hash, expires_at, tokens_valid_after,
                    read_only, managed_by, created_at, updated_at)
                VALUES (:clientId, :customerId, :microtenantId, :roleId, :name, :status,
                    :sessionValiditySeconds, :secretHash, :expiresAt, :createdAt,
                    :readOnly, :managedBy, :createdAt, :createdAt)
                """)
                .param("clientId", key.clientId())
                .param("customerId", key.customerId())
                .param("microtenantId", key.microtenantId())
                .param("roleId", key.roleId())
                .param("name", key.name())
                .param("status", key.status().name())
                .param("sessionValiditySeconds", key.sessionValiditySeconds())
                .param("secretHash", new RedactedParameter(key.secretHash()))
                .param("expiresAt", millis(key.expiresAt()))
                .param("createdAt", millis(key.createdAt()))
                .param("readOnly", key.readOnly())
                .param("managedBy", key.managedBy())
                .update();
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getString("client_id"),
                rs.getString("customer_id"),
                rs.getString("microtenant_id"),
                rs.getString("role_id"),
                rs.getString("role_name"),
                rs.getLong("role_version"),
                rs.getString("name"),
                ApiKeyStatus.valueOf(rs.getString("status")),
                rs.getInt("session_validity_seconds"),
                rs.getString("secret_hash"),
                rs.getString("previous_secret_hash"),
                instant(rs, "previous_secret_expires_at"),
                instant(rs, "expires_at"),
                instant(rs, "tokens_valid_after"),
                rs.getInt("failed_attempts"),
                instant(rs, "locked_until"),
                rs.getBoolean("read_only"),
                rs.getString("managed_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "last_used_at"),
                rs.getLong("version"));
    }
}
