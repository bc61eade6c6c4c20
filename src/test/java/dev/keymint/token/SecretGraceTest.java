package dev.keymint.token;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret regenerated with a grace period: the previous secret and every token it obtained work
 * until the grace ends, and not a moment longer; tokens of the new secret are not affected.
 */
class SecretGraceTest extends KeymintHttpTest {

    AdminApi admin;
    Key resourceServer;
    String clientId;
    String firstSecret;

    @BeforeEach
    void setUp() {
        admin = bootstrapAdmin();
        resourceServer = keys.newKey(List.of("roles:read"));
        String roleId = keys.newRole(keys.installationCustomerId(), List.of("roles:read"));
        Http.Response created = admin.post("/api/v1/api-keys",
                "{\"name\":\"key " + UUID.randomUUID() + "\",\"roleId\":\"" + roleId + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        clientId = created.json().get("clientId").asString();
        firstSecret = created.json().get("clientSecret").asString();
    }

    String regenerate(int graceSeconds) {
        Http.Response regenerated = admin.post("/api/v1/api-keys/" + clientId + "/secret",
                "{\"graceSeconds\":" + graceSeconds + "}");
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
        return regenerated.json().get("clientSecret").asString();
    }

    String tokenWith(String secret) {
        return accessToken(clientId, secret);
    }

    boolean active(String token) {
        return introspect(resourceServer, token).get("active").asBoolean();
    }

    int adminApiStatus(String token) {
        return AdminApi.withToken(http, token).get("/api/v1/roles").status();
    }

    @Test
    void tokensOfThePreviousSecretStopWhenTheGraceEndsAndTokensOfTheNewSecretStay() {
        String before = tokenWith(firstSecret);
        String secondSecret = regenerate(600);
        String duringGraceWithTheOldSecret = tokenWith(firstSecret);
        String withTheNewSecret = tokenWith(secondSecret);
        for (String token : List.of(before, duringGraceWithTheOldSecret, withTheNewSecret)) {
            assertThat(active(token)).isTrue();
            assertThat(adminApiStatus(token)).isEqualTo(200);
        }

        clock.advance(Duration.ofSeconds(590));
        assertThat(active(before)).as("shortly before the grace ends").isTrue();

        clock.advance(Duration.ofSeconds(11));
        assertThat(http.token(clientId, firstSecret).status()).isEqualTo(401);
        for (String token : List.of(before, duringGraceWithTheOldSecret)) {
            assertThat(active(token)).isFalse();
            assertThat(adminApiStatus(token)).isEqualTo(401);
        }
        assertThat(active(withTheNewSecret)).isTrue();
        assertThat(adminApiStatus(withTheNewSecret)).isEqualTo(200);
    }

    @Test
    void aSecondRegenerationEndsTheGraceOfTheFirstSecretAndItsTokensAtOnce() {
        String ofTheFirst = tokenWith(firstSecret);
        String secondSecret = regenerate(600);
        String ofTheSecond = tokenWith(secondSecret);

        String thirdSecret = regenerate(600);

        assertThat(http.token(clientId, firstSecret).status()).isEqualTo(401);
        assertThat(active(ofTheFirst)).isFalse();
        assertThat(active(ofTheSecond)).as("the second secret is now the one in its grace").isTrue();
        assertThat(active(tokenWith(thirdSecret))).isTrue();
    }

    @Test
    void withoutGraceEveryTokenOfTheOldSecretStopsAtOnce() {
        String before = tokenWith(firstSecret);

        String secondSecret = regenerate(0);

        assertThat(http.token(clientId, firstSecret).status()).isEqualTo(401);
        assertThat(active(before)).isFalse();
        assertThat(adminApiStatus(before)).isEqualTo(401);
        assertThat(active(tokenWith(secondSecret))).isTrue();
    }
}
