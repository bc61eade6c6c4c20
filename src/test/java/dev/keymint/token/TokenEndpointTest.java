package dev.keymint.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("api-keys:read", "roles:read", "audit:read");


    /** Verifies signature (against the served JWK Set), typ and algorithm the way a resource server would. */
    JWTClaimsSet verify(String token) throws Exception {
        JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks").body());
        assertThat(jwks.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        return processor.process(token, null);
    }

    @Test
    void issuesAnRfc9068TokenWithEveryClaimOverBasic() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response response = http.token(key.clientId(), key.secret());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = response.json();
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(Set.of(body.get("scope").asString().split(" "))).containsExactlyInAnyOrderElementsOf(PERMISSIONS);

        String token = body.get("access_token").asString();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();

        JWTClaimsSet claims = verify(token);
        assertThat(claims.getIssuer()).isEqualTo("http://keymint.test");
        assertThat(claims.getSubject()).isEqualTo(key.clientId());
        assertThat(claims.getStringClaim("client_id")).isEqualTo(key.clientId());
        assertThat(claims.getAudience()).containsExactly("https://api.keymint.test");
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(3600));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaim("scope")).isInstanceOf(String.class);
        assertThat(Set.of(claims.getStringClaim("scope").split(" "))).containsExactlyInAnyOrderElementsOf(PERMISSIONS);
        assertThat(claims.getStringClaim("role_id")).isEqualTo(key.roleId());
        assertThat(claims.getStringClaim("role")).isEqualTo("role " + key.roleId());
        assertThat(claims.getStringClaim("customer_id")).isEqualTo(key.customerId());
        assertThat(claims.getClaims()).doesNotContainKey("microtenant_id");
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        String first = http.token(key.clientId(), key.secret()).json().get("access_token").asString();
        String second = http.token(key.clientId(), key.secret()).json().get("access_token").asString();
        assertThat(verify(first).getJWTID()).isNotEqualTo(verify(second).getJWTID());
    }

    @Test
    void acceptsClientSecretPost() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response response = http.postForm("/oauth2/token", null, Http.formBody(Http.params(
                "grant_type", "client_credentials", "client_id", key.clientId(), "client_secret", key.secret())));

        assertThat(response.status()).isEqualTo(200);
        assertThat(verify(response.json().get("access_token").asString()).getSubject()).isEqualTo(key.clientId());
    }

    @Test
    void basicCredentialsAreFormUrlDecodedPerRfc6749() {
        String customerId = keys.installationCustomerId();
        String roleId = keys.newRole(customerId, PERMISSIONS);
        String secret = "s3cr+t%with:colon&plus=0123456789abcdef";
        String clientId = "kmc_special-" + System.nanoTime();
        keys.jdbc().sql("""
                INSERT INTO api_key (client_id, customer_id, role_id, name, status, session_validity_seconds,
                    secret_hash, tokens_valid_after, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'ENABLED', 600, ?, 0, 0, 0)
                """).params(clientId, customerId, roleId, clientId,
                new dev.keymint.apikey.ClientSecrets().hash(secret)).update();

        Http.Response response = http.token(clientId, secret);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("expires_in").asLong()).isEqualTo(600);
    }

    @Test
    void scopeNarrowsTheTokenToASubsetOfTheRole() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response response = http.token(key.clientId(), key.secret(), "scope", "roles:read audit:read");

        assertThat(response.status()).isEqualTo(200);
        assertThat(Set.of(response.json().get("scope").asString().split(" "))).containsExactlyInAnyOrder("roles:read", "audit:read");
        JWTClaimsSet claims = verify(response.json().get("access_token").asString());
        assertThat(Set.of(claims.getStringClaim("scope").split(" "))).containsExactlyInAnyOrder("roles:read", "audit:read");
    }

    @Test
    void aScopeOutsideTheRoleIsInvalidScope() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response response = http.token(key.clientId(), key.secret(), "scope", "roles:read api-keys:write");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void keyExpiryCapsTheTokenLifetime() throws Exception {
        String customerId = keys.installationCustomerId();
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Key key = keys.key(customerId, keys.newRole(customerId, PERMISSIONS)).expiresAt(expiresAt).create();

        Http.Response response = http.token(key.clientId(), key.secret());

        assertThat(response.status()).isEqualTo(200);
        JWTClaimsSet claims = verify(response.json().get("access_token").asString());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiresAt);
        long expiresIn = response.json().get("expires_in").asLong();
        assertThat(expiresIn).isBetween(595L, 600L)
                .isEqualTo(claims.getExpirationTime().getTime() / 1000 - claims.getIssueTime().getTime() / 1000);
    }

    @Test
    void anExpiredKeyGetsInvalidClient() {
        String customerId = keys.installationCustomerId();
        Key key = keys.key(customerId, keys.newRole(customerId, PERMISSIONS))
                .expiresAt(clock.instant().plus(Duration.ofDays(1))).create();
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        Http.Response response = http.token(key.clientId(), key.secret());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.json().get("error_description").asString()).contains("expired");
    }

    @Test
    void aDisabledKeyGetsInvalidClientAndSaysWhyOnlyToTheSecretHolder() {
        Key key = keys.newKey(PERMISSIONS);
        keys.setStatus(key.clientId(), dev.keymint.apikey.ApiKeyStatus.DISABLED);

        Http.Response right = http.token(key.clientId(), key.secret());
        Http.Response wrong = http.token(key.clientId(), key.secret() + "x");

        assertThat(right.status()).isEqualTo(401);
        assertThat(right.json().get("error_description").asString()).contains("disabled");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error_description").asString()).isEqualTo("Client authentication failed.");
    }

    @Test
    void anUnknownClientGetsTheSameAnswerAsAWrongSecret() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response unknown = http.token("kmc_doesnotexist", key.secret());
        Http.Response wrong = http.token(key.clientId(), "wrong-secret");

        assertThat(unknown.status()).isEqualTo(401).isEqualTo(wrong.status());
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.header("WWW-Authenticate")).startsWith("Basic").isEqualTo(wrong.header("WWW-Authenticate"));
    }

    @Test
    void aMicrotenantKeyCarriesItsMicrotenant() throws Exception {
        String customerId = keys.installationCustomerId();
        String microtenantId = keys.newMicrotenant(customerId);
        Key key = keys.key(customerId, keys.newRole(customerId, PERMISSIONS))
                .microtenant(microtenantId).sessionValiditySeconds(900).create();

        Http.Response response = http.token(key.clientId(), key.secret());

        JWTClaimsSet claims = verify(response.json().get("access_token").asString());
        assertThat(claims.getStringClaim("microtenant_id")).isEqualTo(microtenantId);
        assertThat(response.json().get("expires_in").asLong()).isEqualTo(900);
    }

    @Test
    void publishesMetadataAndJwks() {
        Http.Response metadata = http.get("/.well-known/oauth-authorization-server");

        assertThat(metadata.status()).isEqualTo(200);
        JsonNode json = metadata.json();
        assertThat(json.get("issuer").asString()).isEqualTo("http://keymint.test");
        assertThat(json.get("token_endpoint").asString()).isEqualTo("http://keymint.test/oauth2/token");
        assertThat(json.get("jwks_uri").asString()).isEqualTo("http://keymint.test/oauth2/jwks");
        assertThat(json.get("introspection_endpoint").asString()).isEqualTo("http://keymint.test/oauth2/introspect");
        assertThat(json.get("revocation_endpoint").asString()).isEqualTo("http://keymint.test/oauth2/revoke");
        assertThat(json.get("grant_types_supported").values()).extracting(JsonNode::asString)
                .containsExactly("client_credentials");
        assertThat(json.get("token_endpoint_auth_methods_supported").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
        assertThat(URI.create(json.get("issuer").asString())).isNotNull();
        Map<String, Object> jwks = http.get("/oauth2/jwks").json().get("keys").get(0).propertyStream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asString()));
        assertThat(jwks).containsKeys("kty", "kid", "n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }
}
