package dev.keymint.token;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class IntrospectionAndRevocationTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("roles:read", "audit:read");
    static final List<String> ALL = List.of("api-keys:read", "api-keys:write", "roles:read", "roles:write",
            "microtenants:read", "microtenants:write", "audit:read");

    Key resourceServer;

    @BeforeEach
    void setUp() {
        resourceServer = keys.newKey(List.of("roles:read"));
    }

    String tokenOf(Key key) {
        return accessToken(key.clientId(), key.secret());
    }

    JsonNode introspect(String token) {
        return introspect(resourceServer, token);
    }

    static void assertInactive(JsonNode introspection) {
        assertThat(introspection.get("active").asBoolean()).isFalse();
        assertThat(introspection.propertyNames()).containsExactly("active");
    }

    @Test
    void anActiveTokenIntrospectsWithItsClaims() {
        Key key = keys.newKey(PERMISSIONS);
        String token = tokenOf(key);

        JsonNode introspection = introspect(token);

        assertThat(introspection.get("active").asBoolean()).isTrue();
        assertThat(introspection.get("client_id").asString()).isEqualTo(key.clientId());
        assertThat(introspection.get("sub").asString()).isEqualTo(key.clientId());
        assertThat(introspection.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(introspection.get("customer_id").asString()).isEqualTo(key.customerId());
        assertThat(introspection.get("role_id").asString()).isEqualTo(key.roleId());
        assertThat(introspection.get("scope").asString().split(" ")).containsExactlyInAnyOrder("roles:read", "audit:read");
        assertThat(introspection.get("exp").asLong() - introspection.get("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void introspectionNeedsAnAuthenticatedCaller() {
        String token = tokenOf(keys.newKey(PERMISSIONS));

        Http.Response anonymous = http.postForm("/oauth2/introspect", null, "token=" + Http.form(token));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void garbageAndForeignTokensAreInactive() {
        assertInactive(introspect("not-a-jwt"));
        assertInactive(introspect("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        String token = tokenOf(keys.newKey(PERMISSIONS));
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertInactive(introspect(tampered));
    }

    @Test
    void aTokenOfADisabledKeyIsInactive() {
        Key key = keys.newKey(PERMISSIONS);
        String token = tokenOf(key);

        keys.setStatus(key.clientId(), ApiKeyStatus.DISABLED);

        assertInactive(introspect(token));
    }

    @Test
    void aTokenOfADeletedKeyIsInactive() {
        Key key = keys.newKey(PERMISSIONS);
        String token = tokenOf(key);

        keys.jdbc().sql("DELETE FROM api_key WHERE client_id = ?").param(key.clientId()).update();

        assertInactive(introspect(token));
    }

    @Test
    void aTokenOfALockedKeyIsInactive() {
        Key key = keys.newKey(PERMISSIONS);
        String token = tokenOf(key);

        for (int i = 0; i < 3; i++) {
            http.token(key.clientId(), "wrong");
        }

        assertInactive(introspect(token));
    }

    @Test
    void tokensIssuedBeforeASecretRegenerationAreInactiveAndLaterOnesActive() {
        Key key = keys.newKey(PERMISSIONS);
        String before = tokenOf(key);

        keys.jdbc().sql("UPDATE api_key SET tokens_valid_after = ? WHERE client_id = ?")
                .params(clock.millis(), key.clientId()).update();
        String after = tokenOf(key);

        assertInactive(introspect(before));
        assertThat(introspect(after).get("active").asBoolean()).isTrue();
    }

    @Test
    void anExpiredTokenIsInactive() {
        String token = tokenOf(keys.newKey(PERMISSIONS));

        clock.advance(Duration.ofHours(1).plusMinutes(1));

        assertInactive(introspect(token));
    }

    @Test
    void theOwnerRevokesItsTokenAndItTurnsInactive() {
        Key key = keys.newKey(PERMISSIONS);
        String token = tokenOf(key);
        String other = tokenOf(key);

        Http.Response revoked = http.postForm("/oauth2/revoke", Http.basic(key.clientId(), key.secret()),
                "token=" + Http.form(token) + "&token_type_hint=access_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertInactive(introspect(token));
        assertThat(introspect(other).get("active").asBoolean()).isTrue();
        assertThat(keys.jdbc().sql("SELECT COUNT(*) FROM revoked_token WHERE client_id = ?").param(key.clientId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void revokingAnUnknownTokenIsStill200() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response revoked = http.postForm("/oauth2/revoke", Http.basic(key.clientId(), key.secret()),
                "token=unknown-token");

        assertThat(revoked.status()).isEqualTo(200);
    }

    Http.Response revoke(Key caller, String token) {
        return http.postForm("/oauth2/revoke", Http.basic(caller.clientId(), caller.secret()),
                "token=" + Http.form(token));
    }

    long auditEvents(String action, String actor) {
        return keys.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND actor = ?")
                .params(action, actor).query(Long.class).single();
    }

    /**
     * Another client's revocation changes nothing, and is answered exactly like the revocation of
     * a string that is no token at all: an error would tell a stranger that it holds a live token.
     */
    @Test
    void anotherClientCannotRevokeSomeoneElsesToken() {
        Key owner = keys.newKey(PERMISSIONS);
        Key stranger = keys.newKey(PERMISSIONS);
        String token = tokenOf(owner);
        Http.Response unknown = revoke(stranger, "unknown-token");

        Http.Response response = revoke(stranger, token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(unknown.body());
        assertThat(introspect(token).get("active").asBoolean()).isTrue();
    }

    @Test
    void aCallerOfAnotherCustomerGetsForAnActiveTokenTheAnswerOfAnUnknownOne() {
        String token = tokenOf(keys.newKey(PERMISSIONS));
        String otherCustomer = keys.newCustomer();
        Key foreign = keys.key(otherCustomer, keys.newRole(otherCustomer, PERMISSIONS)).create();

        Http.Response response = http.postForm("/oauth2/introspect", Http.basic(foreign.clientId(), foreign.secret()),
                "token=" + Http.form(token));

        assertThat(response.status()).isEqualTo(200);
        assertInactive(response.json());
        assertThat(response.body()).isEqualTo(http.postForm("/oauth2/introspect",
                Http.basic(foreign.clientId(), foreign.secret()), "token=unknown-token").body());
        assertThat(introspect(token).get("active").asBoolean()).as("its own customer still sees it").isTrue();
    }

    @Test
    void anAdministratorOfAnotherCustomerCannotRevokeAToken() {
        String token = tokenOf(keys.newKey(PERMISSIONS));
        String otherCustomer = keys.newCustomer();
        Key foreignAdmin = keys.key(otherCustomer, keys.newRole(otherCustomer, ALL)).create();

        Http.Response response = revoke(foreignAdmin, token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(revoke(foreignAdmin, "unknown-token").body());
        assertThat(introspect(token).get("active").asBoolean()).isTrue();
    }

    @Test
    void anAdministratorOfTheCustomerRevokesTheTokenOfAKeyWhoseRoleItHoldsAllOfAndItIsAudited() {
        Key owner = keys.newKey(PERMISSIONS);
        String token = tokenOf(owner);
        String other = tokenOf(owner);
        Key admin = keys.newKey(ALL);

        Http.Response response = revoke(admin, token);

        assertThat(response.status()).isEqualTo(200);
        assertInactive(introspect(token));
        assertThat(introspect(other).get("active").asBoolean()).isTrue();
        assertThat(auditEvents("api-key.token-revoked", admin.clientId())).isEqualTo(1);
        assertThat(keys.jdbc().sql("SELECT target FROM audit_event WHERE action = 'api-key.token-revoked' AND actor = ?")
                .param(admin.clientId()).query(String.class).single()).isEqualTo(owner.clientId());
    }

    @Test
    void anAdministratorCannotRevokeTheTokenOfAKeyWithAPermissionItLacks() {
        Key owner = keys.newKey(List.of("roles:read", "audit:read"));
        String token = tokenOf(owner);
        Key admin = keys.newKey(List.of("api-keys:read", "api-keys:write", "roles:read"));

        Http.Response response = revoke(admin, token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(introspect(token).get("active").asBoolean()).isTrue();
        assertThat(auditEvents("api-key.token-revoked", admin.clientId())).isZero();
    }

    @Test
    void anAdministratorConfinedToAMicrotenantRevokesOnlyTokensOfItsOwnMicrotenant() {
        String customerId = keys.installationCustomerId();
        String ours = keys.newMicrotenant(customerId);
        String theirs = keys.newMicrotenant(customerId);
        String roleId = keys.newRole(customerId, PERMISSIONS);
        Key admin = keys.key(customerId, keys.newRole(customerId, ALL)).microtenant(ours).create();
        String inOurs = tokenOf(keys.key(customerId, roleId).microtenant(ours).create());
        String inTheirs = tokenOf(keys.key(customerId, roleId).microtenant(theirs).create());
        String customerWide = tokenOf(keys.key(customerId, roleId).create());

        for (String token : List.of(inOurs, inTheirs, customerWide)) {
            assertThat(revoke(admin, token).status()).isEqualTo(200);
        }

        assertInactive(introspect(inOurs));
        assertThat(introspect(inTheirs).get("active").asBoolean()).isTrue();
        assertThat(introspect(customerWide).get("active").asBoolean()).isTrue();
    }

    @Test
    void aClientWithoutTheWritePermissionCannotRevokeAnotherKeysToken() {
        Key owner = keys.newKey(List.of("roles:read"));
        String token = tokenOf(owner);
        Key reader = keys.newKey(List.of("api-keys:read", "roles:read", "audit:read"));

        assertThat(revoke(reader, token).status()).isEqualTo(200);

        assertThat(introspect(token).get("active").asBoolean()).isTrue();
    }

    @Test
    void issuingTokensWritesNoRows() {
        Key key = keys.newKey(PERMISSIONS);
        long before = keys.jdbc().sql("SELECT COUNT(*) FROM revoked_token").query(Long.class).single();
        long auditBefore = keys.jdbc().sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
        long tablesBefore = keys.jdbc().sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")
                .query(Long.class).single();

        for (int i = 0; i < 20; i++) {
            tokenOf(key);
        }

        assertThat(keys.jdbc().sql("SELECT COUNT(*) FROM revoked_token").query(Long.class).single()).isEqualTo(before);
        assertThat(keys.jdbc().sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")
                .query(Long.class).single()).isEqualTo(tablesBefore);
        assertThat(keys.jdbc().sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isEqualTo(auditBefore);
    }
}
