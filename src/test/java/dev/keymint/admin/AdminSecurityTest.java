package dev.keymint.admin;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.signing.SigningKeys;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

class AdminSecurityTest extends AdminTestBase {

    @Autowired
    SigningKeys signingKeys;

    @Test
    void withoutATokenTheAnswerIsA401ProblemWithABearerChallenge() {
        Http.Response response = AdminApi.withToken(http, null).get("/api/v1/api-keys");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().get("detail").asString()).contains("Bearer");
    }

    @Test
    void aMalformedTokenIsA401() {
        assertProblem(AdminApi.withToken(http, "not-a-jwt").get("/api/v1/customer"), 401);
        assertProblem(AdminApi.withToken(http, "a.b.c").get("/api/v1/customer"), 401);
    }

    @Test
    void aMissingPermissionIsA403Problem() {
        AdminApi rolesOnly = adminWith(List.of("roles:read"));

        Http.Response response = rolesOnly.get("/api/v1/api-keys");

        assertProblem(response, 403);
        assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
        assertThat(rolesOnly.get("/api/v1/roles").status()).isEqualTo(200);
        assertProblem(rolesOnly.post("/api/v1/roles", json("name", "x", "permissions", raw("[]"))), 403);
        assertProblem(rolesOnly.get("/api/v1/audit-events"), 403);
        assertProblem(rolesOnly.get("/api/v1/microtenants"), 403);
    }

    @Test
    void everyEndpointRequiresItsOwnPermission() {
        AdminApi readOnly = adminWith(List.of("api-keys:read", "roles:read", "microtenants:read", "audit:read"));

        assertThat(readOnly.get("/api/v1/api-keys").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/v1/microtenants").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/v1/audit-events").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/v1/customer").status()).isEqualTo(200);
        assertProblem(readOnly.post("/api/v1/api-keys", json("name", "x", "roleId", "y")), 403);
        assertProblem(readOnly.patch("/api/v1/api-keys/" + BOOTSTRAP_ID, json("name", "x")), 403);
        assertProblem(readOnly.post("/api/v1/api-keys/" + BOOTSTRAP_ID + "/secret", null), 403);
        assertProblem(readOnly.post("/api/v1/api-keys/" + BOOTSTRAP_ID + "/unlock", null), 403);
        assertProblem(readOnly.delete("/api/v1/api-keys/" + BOOTSTRAP_ID), 403);
        assertProblem(readOnly.delete("/api/v1/roles/x"), 403);
        assertProblem(readOnly.post("/api/v1/microtenants", json("name", "x")), 403);
        assertProblem(readOnly.delete("/api/v1/microtenants/x"), 403);
    }

    @Test
    void aTokenNarrowedByScopeHasOnlyThosePermissions() {
        Http.Response token = http.token(BOOTSTRAP_ID, BOOTSTRAP_SECRET, "scope", "api-keys:read");
        AdminApi narrowed = AdminApi.withToken(http, token.json().get("access_token").asString());

        assertThat(narrowed.get("/api/v1/api-keys").status()).isEqualTo(200);
        assertProblem(narrowed.get("/api/v1/roles"), 403);
    }

    @Test
    void anExpiredTokenIsA401() {
        String customerId = keys.installationCustomerId();
        Key key = keys.key(customerId, keys.newRole(customerId, ALL)).sessionValiditySeconds(60).create();
        AdminApi admin = AdminApi.as(http, key.clientId(), key.secret());
        assertThat(admin.get("/api/v1/customer").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(60 + 61));

        assertProblem(admin.get("/api/v1/customer"), 401);
    }

    @Test
    void aKeymintTokenWithAnotherTypIsA401() throws Exception {
        String token = http.token(BOOTSTRAP_ID, BOOTSTRAP_SECRET).json().get("access_token").asString();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        RSAKey signingKey = (RSAKey) signingKeys.snapshot().signing();

        String asAtJwt = sign(signingKey, new JOSEObjectType("at+jwt"), claims);
        String asPlainJwt = sign(signingKey, JOSEObjectType.JWT, claims);

        assertThat(AdminApi.withToken(http, asAtJwt).get("/api/v1/customer").status()).isEqualTo(200);
        assertProblem(AdminApi.withToken(http, asPlainJwt).get("/api/v1/customer"), 401);
    }

    @Test
    void aTokenWhoseKeyWasDisabledLockedOrDeletedIsA401() {
        Key disabled = keys.newKey(ALL);
        Key locked = keys.newKey(ALL);
        Key deleted = keys.newKey(ALL);
        AdminApi asDisabled = AdminApi.as(http, disabled.clientId(), disabled.secret());
        AdminApi asLocked = AdminApi.as(http, locked.clientId(), locked.secret());
        AdminApi asDeleted = AdminApi.as(http, deleted.clientId(), deleted.secret());

        keys.setStatus(disabled.clientId(), ApiKeyStatus.DISABLED);
        for (int i = 0; i < 3; i++) {
            http.token(locked.clientId(), "wrong");
        }
        assertThat(bootstrapAdmin().delete("/api/v1/api-keys/" + deleted.clientId()).status()).isEqualTo(204);

        assertProblem(asDisabled.get("/api/v1/customer"), 401);
        assertProblem(asLocked.get("/api/v1/customer"), 401);
        assertProblem(asDeleted.get("/api/v1/customer"), 401);
    }

    @Test
    void aTrustedOutsideIssuerIsAcceptedWithItsClaims() throws Exception {
        String customerId = keys.newCustomer();
        String microtenantId = keys.newMicrotenant(customerId);
        String token = outsideToken(OUTSIDE_ISSUER, IDP_KEY, outsideClaims(customerId)
                .claim("microtenant_id", microtenantId)
                .claim("permissions", List.of("api-keys:read", "audit:read")));
        AdminApi outside = AdminApi.withToken(http, token);

        Http.Response customer = outside.get("/api/v1/customer");

        assertThat(customer.status()).as(customer.body()).isEqualTo(200);
        assertThat(customer.json().get("customerId").asString()).isEqualTo(customerId);
        assertThat(customer.json().get("microtenantId").asString()).isEqualTo(microtenantId);
        assertThat(outside.get("/api/v1/api-keys").json().get("totalCount").asLong()).isZero();
        assertProblem(outside.get("/api/v1/roles"), 403);
    }

    @Test
    void anOutsideAdministratorIsTheActorOfItsChanges() throws Exception {
        String customerId = keys.newCustomer();
        String roleId = keys.newRole(customerId, List.of("audit:read"));
        AdminApi outside = AdminApi.withToken(http, outsideToken(OUTSIDE_ISSUER, IDP_KEY, outsideClaims(customerId)
                .subject("alice@example.test").claim("permissions", "api-keys:write api-keys:read audit:read")));

        Http.Response created = outside.post("/api/v1/api-keys", json("name", "made by alice", "roleId", roleId));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var events = outside.get("/api/v1/audit-events?actor=" + OUTSIDE_ISSUER + "%23alice@example.test").json();
        assertThat(events.get("totalCount").asLong()).isEqualTo(1);
        assertThat(events.get("items").get(0).get("action").asString()).isEqualTo("api-key.created");
    }

    @Test
    void outsideTokensThatFailAnyCheckAreA401() throws Exception {
        String customerId = keys.newCustomer();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(IDP_KEY.getKeyID()).generate();

        String untrustedIssuer = outsideToken("https://evil.example.test", IDP_KEY, outsideClaims(customerId));
        String wrongSignature = outsideToken(OUTSIDE_ISSUER, stranger, outsideClaims(customerId));
        String wrongAudience = outsideToken(OUTSIDE_ISSUER, IDP_KEY, outsideClaims(customerId).audience("someone-else"));
        String expired = outsideToken(OUTSIDE_ISSUER, IDP_KEY, outsideClaims(customerId)
                .expirationTime(Date.from(clock.instant().minusSeconds(120))));
        String noCustomer = outsideToken(OUTSIDE_ISSUER, IDP_KEY, outsideClaims(customerId).claim("tenant", null));

        for (String token : List.of(untrustedIssuer, wrongSignature, wrongAudience, expired, noCustomer)) {
            assertProblem(AdminApi.withToken(http, token).get("/api/v1/customer"), 401);
        }
        assertThat(AdminApi.withToken(http, outsideToken(OUTSIDE_ISSUER, IDP_KEY, outsideClaims(customerId)))
                .get("/api/v1/customer").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentAndHealthAreOpenAndOtherActuatorEndpointsAreClosed() {
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/env").status()).isIn(401, 403);
        assertThat(http.get("/actuator/beans").status()).isIn(401, 403);
    }

    private static String sign(RSAKey key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
