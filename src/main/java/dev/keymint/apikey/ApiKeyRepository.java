package dev.keymint.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.keymint.common.InvalidInputException;
import dev.keymint.common.Page;
import dev.keymint.common.SharedStatement;
import dev.keymint.lockout.Lockable;
import dev.keymint.role.RoleHolders;

/**
 * The one owner of the statements on {@code api_key}, except its two lockout columns
 * ({@code failed_attempts}, {@code locked_until}), which only the lockout writes (see
 * docs/architecture.md): this class reads them and never writes them.
 */
@Repository
public class ApiKeyRepository implements RoleHolders {

    private static final String SELECT = """
            SELECT k.*, r.name AS role_name, r.version AS role_version
              FROM api_key k JOIN role r ON r.id = k.role_id
            """;

    private static final RowMapper<ApiKey> ROW_MAPPER = ApiKeyRepository::map;

    private static final Map<String, String> SORT_COLUMNS = sortColumns();
    /** The statements of {@link #findAll}, by the number of IDs, a power of two: few distinct statements to prepare. */
    private static final String[] SELECT_BY_SIZE = SharedStatement.statementsBySize(ApiKeyLookup.MAX_BATCH,
            size -> SELECT + " WHERE k.client_id IN (" + SharedStatement.placeholders(size) + ")");

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One primary-key read: everything the token endpoint needs to decide. */
    public Optional<ApiKey> findByClientId(String clientId) {
        return jdbc.sql(SELECT + " WHERE k.client_id = ?").param(clientId).query(ROW_MAPPER).optional();
    }

    /**
     * The keys of these client IDs, those that exist, in one statement. At most
     * {@link ApiKeyLookup#MAX_BATCH} IDs, repeated up to a power of two so that the statement is one
     * of a few, each prepared once per connection.
     */
    List<ApiKey> findAll(Collection<String> clientIds) {
        List<String> params = SharedStatement.paddedToPowerOfTwo(clientIds);
        return jdbc.sql(SELECT_BY_SIZE[params.size()]).params(params).query(ROW_MAPPER).list();
    }

    /**
     * The key, if it lies within the customer and, when {@code microtenantId} is set, that
     * microtenant.
     */
    Optional<ApiKey> findInScope(String clientId, String customerId, String microtenantId) {
        var statement = jdbc.sql(SELECT + " WHERE k.client_id = :clientId AND k.customer_id = :customerId"
                        + (microtenantId != null ? " AND k.microtenant_id = :microtenantId" : ""))
                .param("clientId", clientId)
                .param("customerId", customerId);
        if (microtenantId != null) {
            statement = statement.param("microtenantId", microtenantId);
        }
        return statement.query(ROW_MAPPER).optional();
    }

    /** A page of the customer's keys (within {@code scope} when set) that match {@code query}. */
    Page<ApiKey> search(String customerId, String scope, ApiKeyQuery query, Instant now) {
        StringBuilder where = new StringBuilder(" WHERE k.customer_id = :customerId");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("customerId", customerId);
        if (scope != null) {
            where.append(" AND k.microtenant_id = :scope");
            params.put("scope", scope);
        }
        if (query.search() != null && !query.search().isEmpty()) {
            // names match in any case; client IDs are case-sensitive base62
            where.append(" AND (LOWER(k.name) LIKE :nameSearch OR k.client_id LIKE :idSearch)");
            params.put("nameSearch", "%" + escapeLike(query.search().toLowerCase(Locale.ROOT)) + "%");
            params.put("idSearch", "%" + escapeLike(query.search()) + "%");
        }
        if (query.status() != null) {
            where.append(" AND k.status = :status");
            params.put("status", query.status().name());
        }
        if (query.roleId() != null) {
            where.append(" AND k.role_id = :roleId");
            params.put("roleId", query.roleId());
        }
        if (query.microtenantId() != null) {
            where.append(" AND k.microtenant_id = :microtenantId");
            params.put("microtenantId", query.microtenantId());
        }
        if (query.locked() != null) {
            where.append(" AND ").append((query.locked() ? Lockable.LOCKED_AT_NOW : Lockable.NOT_LOCKED_AT_NOW).formatted("k."));
            params.put("now", now.toEpochMilli());
        }
        return query.page().fetch(jdbc, "SELECT COUNT(*) FROM api_key k" + where, SELECT + where + orderBy(query.sort()),
                params, ROW_MAPPER);
    }

    /**
     * An administrator's edit, conditional on the version read; disabling also voids every token
     * issued until now. Returns the rows changed: 0 when another edit came first.
     */
    int update(String clientId, long version, String name, String roleId, int sessionValidity, ApiKeyStatus status,
            boolean disabling, Instant now) {
        return jdbc.sql("""
                UPDATE api_key
                   SET name = :name, role_id = :roleId, session_validity_seconds = :sessionValidity,
                       status = :status, updated_at = :now, version = version + 1,
                       tokens_valid_after = CASE WHEN :disabling THEN :now ELSE tokens_valid_after END
                 WHERE client_id = :clientId AND version = :version
                """)
                .param("name", name)
                .param("roleId", roleId)
                .param("sessionValidity", sessionValidity)
                .param("status", status.name())
                .param("now", now.toEpochMilli())
                .param("disabling", disabling)
                .param("clientId", clientId)
                .param("version", version)
                .update();
    }

    /**
     * A new secret, conditional on the version read. With {@code previousHash} the old secret keeps
     * working (and its tokens counting) until {@code previousExpiresAt}; without it every token
     * issued until now is void. Returns the rows changed: 0 when another edit came first.
     */
    int replaceSecret(String clientId, long version, String hash, @Nullable String lookup, @Nullable String previousHash,
            @Nullable Instant previousExpiresAt, Instant now) {
        boolean grace = previousHash != null;
        // previous_secret_lookup is assigned before secret_lookup, so that it takes the old value
        // whether or not the server assigns simultaneously
        return jdbc.sql("""
                UPDATE api_key
                   SET secret_hash = :hash, previous_secret_hash = :previousHash,
                       previous_secret_lookup = CASE WHEN :grace THEN secret_lookup ELSE NULL END,
                       secret_lookup = :lookup,
                       previous_secret_expires_at = :previousExpiresAt,
                       tokens_valid_after = CASE WHEN :grace THEN tokens_valid_after ELSE :now END,
                       updated_at = :now, version = version + 1
                 WHERE client_id = :clientId AND version = :version
                """)
                .param("hash", new RedactedParameter(hash))
                .param("lookup", lookup == null ? null : new RedactedParameter(lookup))
                .param("previousHash", grace ? new RedactedParameter(previousHash) : null)
                .param("previousExpiresAt", grace ? previousExpiresAt.toEpochMilli() : null)
                .param("grace", grace)
                .param("now", now.toEpochMilli())
                .param("clientId", clientId)
                .param("version", version)
                .update();
    }

    /**
     * A managed key brought in line with its configuration; a changed secret replaces the old one
     * at once and voids its tokens.
     */
    void updateManaged(String clientId, NewApiKey configured, boolean secretChanged, Instant now) {
        jdbc.sql("""
                UPDATE api_key
                   SET name = :name, role_id = :roleId, microtenant_id = :microtenantId,
                       session_validity_seconds = :sessionValidity, status = :status, managed_by = :managedBy,
                       secret_hash = :hash, previous_secret_hash = NULL, previous_secret_expires_at = NULL,
                       secret_lookup = :lookup, previous_secret_lookup = NULL,
                       tokens_valid_after = CASE WHEN :secretChanged THEN :now ELSE tokens_valid_after END,
                       updated_at = :now, version = version + 1
                 WHERE client_id = :clientId
                """)
                .param("name", configured.name())
                .param("roleId", configured.roleId())
                .param("microtenantId", configured.microtenantId())
                .param("sessionValidity", configured.sessionValiditySeconds())
                .param("status", configured.status().name())
                .param("managedBy", configured.managedBy())
                .param("hash", new RedactedParameter(configured.secretHash()))
                .param("lookup", configured.secretLookup() == null ? null : new RedactedParameter(configured.secretLookup()))
                .param("secretChanged", secretChanged)
                .param("now", now.toEpochMilli())
                .param("clientId", clientId)
                .update();
    }

    /**
     * The keys whose current secret, or previous one, has this {@linkplain ClientSecrets#lookupDigest
     * lookup digest}; at most one in practice. Whether a previous secret still works is the caller's
     * to check.
     */
    List<ApiKey> findBySecretLookup(String lookup) {
        return jdbc.sql(SELECT + " WHERE k.secret_lookup = :lookup OR k.previous_secret_lookup = :lookup")
                .param("lookup", new RedactedParameter(lookup))
                .query(ROW_MAPPER)
                .list();
    }

    /**
     * Stores the lookup digest of a key's current secret, known only when someone proved it: the
     * one write a key from before the digest existed gets, at its first use since. Conditional on
     * the secret still being the one proved, and on no digest being there yet.
     */
    void recordSecretLookup(String clientId, String secretHash, String lookup) {
        jdbc.sql("""
                UPDATE api_key SET secret_lookup = :lookup
                 WHERE client_id = :clientId AND secret_hash = :hash AND secret_lookup IS NULL
                """)
                .param("lookup", new RedactedParameter(lookup))
                .param("clientId", clientId)
                .param("hash", new RedactedParameter(secretHash))
                .update();
    }

    /** Moves {@code last_used_at} forward to {@code when}, never back. */
    void recordLastUse(String clientId, Instant when) {
        jdbc.sql("UPDATE api_key SET last_used_at = GREATEST(COALESCE(last_used_at, 0), ?) WHERE client_id = ?")
                .params(when.toEpochMilli(), clientId)
                .update();
    }

    void delete(String clientId) {
        jdbc.sql("DELETE FROM api_key WHERE client_id = ?").param(clientId).update();
    }

    @Override
    public boolean holdsRole(String clientId, String roleId) {
        return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE client_id = ? AND role_id = ?")
                .params(clientId, roleId).query(Long.class).single() > 0;
    }

    /** Every table of a join is locked by {@code LOCK IN SHARE MODE}; a subquery's would not be. */
    @Override
    public int countFullAccessKeys(String customerId, Collection<String> permissions, Instant now) {
        return jdbc.sql("""
                SELECT k.client_id
                  FROM api_key k JOIN role_permission p ON p.role_id = k.role_id
                 WHERE k.customer_id = :customerId AND k.microtenant_id IS NULL AND k.status = 'ENABLED'
                   AND (k.expires_at IS NULL OR k.expires_at > :now) AND p.permission IN (:permissions)
                 GROUP BY k.client_id
                HAVING COUNT(*) = :permissionCount
                  LOCK IN SHARE MODE
                """)
                .param("customerId", customerId)
                .param("now", now.toEpochMilli())
                .param("permissions", List.copyOf(permissions))
                .param("permissionCount", permissions.size())
                .query(String.class)
                .list()
                .size();
    }

    public void insert(NewApiKey key) {
        jdbc.sql("""
                INSERT INTO api_key (client_id, customer_id, microtenant_id, role_id, name, status,
                    session_validity_seconds, secret_hash, secret_lookup, expires_at, tokens_valid_after,
                    read_only, managed_by, created_at, updated_at)
                VALUES (:clientId, :customerId, :microtenantId, :roleId, :name, :status,
                    :sessionValiditySeconds, :secretHash, :secretLookup, :expiresAt, :createdAt,
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
                .param("secretLookup", key.secretLookup() == null ? null : new RedactedParameter(key.secretLookup()))
                .param("expiresAt", millis(key.expiresAt()))
                .param("createdAt", millis(key.createdAt()))
                .param("readOnly", key.readOnly())
                .param("managedBy", key.managedBy())
                .update();
    }

    private static String orderBy(String sort) {
        List<String> terms = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String field : sort.split(",")) {
                String name = field.strip();
                boolean descending = name.startsWith("-");
                String column = SORT_COLUMNS.get(descending ? name.substring(1) : name);
                if (column == null) {
                    throw new InvalidInputException("sort", "unknown sort field '" + name + "'; use "
                            + String.join(", ", SORT_COLUMNS.keySet()) + ", each optionally prefixed with '-' for descending");
                }
                terms.add(column + (descending ? " DESC" : " ASC"));
            }
        }
        if (terms.isEmpty()) {
            terms.add("k.created_at DESC");
        }
        // client IDs are unique, so every page is stable
        terms.add("k.client_id ASC");
        return " ORDER BY " + String.join(", ", terms);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Map<String, String> sortColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("name", "k.name");
        columns.put("clientId", "k.client_id");
        columns.put("status", "k.status");
        columns.put("sessionValiditySeconds", "k.session_validity_seconds");
        columns.put("createdAt", "k.created_at");
        columns.put("updatedAt", "k.updated_at");
        columns.put("lastUsedAt", "k.last_used_at");
        columns.put("expiresAt", "k.expires_at");
        return Collections.unmodifiableMap(columns);
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
                rs.getLong("version"),
                rs.getString("secret_lookup"));
    }
}
