package dev.keymint.token;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One clock skew, {@code keymint.token.clock-skew}, for everything that accepts keymint's tokens:
 * the administration API and introspection accept a token until {@code exp} + skew and not after,
 * and a revoked token's ID is kept exactly as long as that.
 */
@TestPropertySource(properties = "keymint.token.clock-skew=20s")
class TokenClockSkewTest extends KeymintHttpTest {

    static final Duration SKEW = Duration.ofSeconds(20);

    @Autowired
    RevokedTokens revokedTokens;
    Key key;
    Key resourceServer;

    @BeforeEach
    void setUp() {
        String customerId = keys.installationCustomerId();
        key = keys.key(customerId, keys.newRole(customerId, List.of("roles:read"))).sessionValiditySeconds(60).create();
        resourceServer = keys.newKey(List.of("roles:read"));
    }

    String token() {
        return accessToken(key.clientId(), key.secret());
    }

    static JWTClaimsSet claims(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    void advanceTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    boolean active(String token) {
        return introspect(resourceServer, token).get("active").asBoolean();
    }

    int adminApiStatus(String token) {
        return AdminApi.withToken(http, token).get("/api/v1/roles").status();
    }

    long revokedRows(String jti) {
        return keys.jdbc().sql("SELECT COUNT(*) FROM revoked_token WHERE jti = ?").param(jti).query(Long.class).single();
    }

    @Test
    void theAdministrationApiAndIntrospectionAcceptATokenUntilItsExpiryPlusTheConfiguredSkew() throws ParseException {
        String token = token();
        Instant expiresAt = claims(token).getExpirationTime().toInstant();

        advanceTo(expiresAt.plus(SKEW).minusSeconds(10));
        assertThat(active(token)).isTrue();
        assertThat(adminApiStatus(token)).isEqualTo(200);

        advanceTo(expiresAt.plus(SKEW).plusSeconds(5));
        assertThat(active(token)).isFalse();
        assertThat(adminApiStatus(token)).isEqualTo(401);
    }

    @Test
    void aTokenIssuedByAnInstanceWhoseClockIsAheadWithinTheSkewIsAcceptedByBoth() {
        clock.advance(SKEW.minusSeconds(10));
        String fromTheFuture = token();
        clock.reset();

        assertThat(active(fromTheFuture)).isTrue();
        assertThat(adminApiStatus(fromTheFuture)).isEqualTo(200);
    }

    @Test
    void aRevokedTokenStaysRefusedWithinTheSkewAndItsRowIsKeptUntilItsExpiryPlusTheSkew() throws ParseException {
        String token = token();
        JWTClaimsSet claims = claims(token);
        Instant expiresAt = claims.getExpirationTime().toInstant();
        Http.Response revoked = http.postForm("/oauth2/revoke", Http.basic(key.clientId(), key.secret()),
                "token=" + Http.form(token));
        assertThat(revoked.status()).isEqualTo(200);

        advanceTo(expiresAt.plus(SKEW).minusSeconds(10));
        revokedTokens.removeExpired();

        assertThat(revokedRows(claims.getJWTID())).as("past exp, within the skew: still needed").isEqualTo(1);
        assertThat(active(token)).isFalse();
        assertThat(adminApiStatus(token)).isEqualTo(401);

        advanceTo(expiresAt.plus(SKEW).plusSeconds(5));
        revokedTokens.removeExpired();

        assertThat(revokedRows(claims.getJWTID())).as("no verifier accepts the token any more").isZero();
        assertThat(active(token)).isFalse();
    }
}
