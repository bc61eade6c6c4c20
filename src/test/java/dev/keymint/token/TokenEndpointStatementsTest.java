package dev.keymint.token;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.SqlStatements;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL statements one token request costs, counted on the application's DataSource: one read
 * of the key on every path that does not count a failure (docs/architecture.md, "Performance"),
 * and the same statements for an unknown client ID as for a wrong secret.
 */
class TokenEndpointStatementsTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("api-keys:read", "roles:read");
    static final String KEY_READ = "select k.*, r.name as role_name, r.version as role_version from api_key k "
            + "join role r on r.id = k.role_id where k.client_id in (?)";
    static final String COUNT_BELOW_LIMIT = "update api_key set failed_attempts = failed_attempts + 1";

    @Autowired
    SqlStatements statements;

    List<String> statementsOf(Runnable request) {
        statements.start();
        request.run();
        return statements.stop();
    }

    @Test
    void aTokenCostsOneStatement() {
        Key key = keys.newKey(PERMISSIONS);
        http.token(key.clientId(), key.secret()); // the role's permissions are cached from now on

        List<String> sql = statementsOf(() -> assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200));

        assertThat(sql).containsExactly(KEY_READ);
    }

    @Test
    void aTokenWithANarrowerScopeCostsOneStatement() {
        Key key = keys.newKey(PERMISSIONS);
        http.token(key.clientId(), key.secret());

        List<String> sql = statementsOf(() -> assertThat(
                http.token(key.clientId(), key.secret(), "scope", "roles:read").status()).isEqualTo(200));

        assertThat(sql).containsExactly(KEY_READ);
    }

    @Test
    void anUnknownClientCostsWhatAWrongSecretCosts() {
        Key key = keys.newKey(PERMISSIONS);

        List<String> unknown = statementsOf(() -> assertThat(http.token("kmc_unknown_" + System.nanoTime(),
                "kms_whatever-secret").status()).isEqualTo(401));
        List<String> wrong = statementsOf(() -> assertThat(http.token(key.clientId(), "wrong").status()).isEqualTo(401));

        // the counter update of a wrong secret, which finds no row (docs/security.md, "Failed authentication")
        assertThat(unknown).hasSize(2).first().isEqualTo(KEY_READ);
        assertThat(unknown.get(1)).startsWith(COUNT_BELOW_LIMIT);
        assertThat(unknown).isEqualTo(wrong);
    }

    @Test
    void aLockedKeyCostsOneStatementAndNoWrite() {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            http.token(key.clientId(), "wrong-secret");
        }
        assertThat(keys.lockedUntil(key.clientId())).isNotNull();

        List<String> right = statementsOf(() -> assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(401));
        List<String> wrong = statementsOf(() -> assertThat(http.token(key.clientId(), "wrong").status()).isEqualTo(401));

        assertThat(right).containsExactly(KEY_READ);
        assertThat(wrong).containsExactly(KEY_READ);
    }

    @Test
    void aWrongSecretAddsOneCounterUpdateAndTheSuccessAfterItOneReset() {
        Key key = keys.newKey(PERMISSIONS);
        http.token(key.clientId(), key.secret());

        List<String> failure = statementsOf(() -> assertThat(http.token(key.clientId(), "wrong").status()).isEqualTo(401));
        List<String> success = statementsOf(() -> assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200));

        assertThat(failure).hasSize(2).first().isEqualTo(KEY_READ);
        assertThat(failure.get(1)).startsWith(COUNT_BELOW_LIMIT);
        assertThat(success).hasSize(2).first().isEqualTo(KEY_READ);
        assertThat(success.get(1)).startsWith("update api_key set failed_attempts = 0");
    }

    /** Only the failure that locks runs the transaction that sets the lock, reads it back and audits it. */
    @Test
    void theFailureThatLocksAddsTheLockingUpdateAndItsReadBack() {
        Key key = keys.newKey(PERMISSIONS);
        http.token(key.clientId(), "wrong");
        http.token(key.clientId(), "wrong");

        List<String> third = statementsOf(() -> assertThat(http.token(key.clientId(), "wrong").status()).isEqualTo(401));

        assertThat(third).hasSize(5).first().isEqualTo(KEY_READ);
        assertThat(third.get(1)).startsWith(COUNT_BELOW_LIMIT);
        assertThat(third.get(2)).startsWith("update api_key set locked_until = case");
        assertThat(third.get(3)).startsWith("select locked_until from api_key");
        assertThat(third.get(4)).as("the lock's audit record, in the same transaction").startsWith("insert into audit_event");
        assertThat(keys.lockedUntil(key.clientId())).isNotNull();
    }

    /**
     * What a token counts for now costs no statement of its own: the token's key is read with its
     * role's version anyway, and the permissions of a role version are read once per instance.
     */
    @Test
    void anIntrospectionReadsTheCallersKeyTheRevocationListAndTheTokensKeyAndARoleVersionOnlyOnce() {
        Key key = keys.newKey(PERMISSIONS);
        Key resourceServer = keys.newKey(PERMISSIONS);
        String token = accessToken(key.clientId(), key.secret());
        introspect(resourceServer, token);
        keys.jdbc().sql("UPDATE role SET version = version + 1 WHERE id = ?").param(key.roleId()).update();

        List<String> first = statementsOf(() -> introspect(resourceServer, token));
        List<String> second = statementsOf(() -> introspect(resourceServer, token));

        assertThat(second).hasSize(3).first().isEqualTo(KEY_READ);
        assertThat(second.get(1)).startsWith("select count(*) from revoked_token");
        assertThat(second.get(2)).startsWith("select k.*").endsWith("where k.client_id = ?");
        assertThat(first).hasSize(4).containsAll(second)
                .anySatisfy(statement -> assertThat(statement).startsWith("select permission from role_permission"));
    }
}
