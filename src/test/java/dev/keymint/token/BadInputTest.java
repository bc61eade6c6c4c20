package dev.keymint.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed token requests get an RFC 6749 JSON error with a 4xx status, never a 5xx, never HTML,
 * and never count against a key they do not authenticate as.
 */
class BadInputTest extends KeymintHttpTest {

    Key key;

    @BeforeEach
    void setUp() {
        key = keys.newKey(List.of("roles:read"));
    }

    static void assertOAuthError(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("error").asString()).isEqualTo(error);
        assertThat(response.json().get("error_description").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "<html", "at org.");
    }

    Http.Response tokenWithBody(String body) {
        return http.postForm("/oauth2/token", Http.basic(key.clientId(), key.secret()), body);
    }

    String basicRaw(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noGrantType() {
        assertOAuthError(tokenWithBody("scope=roles:read"), 400, "invalid_request");
    }

    @Test
    void unknownGrantType() {
        assertOAuthError(tokenWithBody("grant_type=urn:example:made-up"), 400, "unsupported_grant_type");
    }

    @Test
    void passwordGrant() {
        assertOAuthError(tokenWithBody("grant_type=password&username=a&password=b"), 400, "unsupported_grant_type");
    }

    @Test
    void authorizationCodeGrant() {
        assertOAuthError(tokenWithBody("grant_type=authorization_code&code=abc&redirect_uri=http://x"), 400,
                "unsupported_grant_type");
    }

    @Test
    void basicHeaderThatIsNotBase64() {
        Http.Response response = http.postForm("/oauth2/token", "Basic !!!not-base64!!!", "grant_type=client_credentials");
        assertThat(response.status()).isBetween(400, 401);
        assertThat(response.json().get("error").asString()).isIn("invalid_request", "invalid_client");
    }

    @Test
    void basicHeaderWithoutColon() {
        Http.Response response = http.postForm("/oauth2/token", basicRaw("no-colon-here"), "grant_type=client_credentials");
        assertThat(response.status()).isBetween(400, 401);
        assertThat(response.json().get("error").asString()).isIn("invalid_request", "invalid_client");
    }

    @Test
    void basicHeaderWithEmptyClientId() {
        Http.Response response = http.postForm("/oauth2/token", basicRaw(":" + key.secret()), "grant_type=client_credentials");
        assertThat(response.status()).isBetween(400, 401);
        assertThat(response.json().get("error").asString()).isIn("invalid_request", "invalid_client");
    }

    @Test
    void tenThousandCharacterClientIdInBasic() {
        String longId = "k".repeat(10_000);
        assertOAuthError(http.postForm("/oauth2/token", Http.basic(longId, "secret"), "grant_type=client_credentials"),
                401, "invalid_client");
    }

    @Test
    void tenThousandCharacterClientIdInForm() {
        assertOAuthError(http.postForm("/oauth2/token", null, Http.formBody(Http.params("grant_type",
                "client_credentials", "client_id", "k".repeat(10_000), "client_secret", "secret"))), 401, "invalid_client");
    }

    @Test
    void nonUtf8Body() {
        byte[] body = "grant_type=client_credentials&scope=roles%3Aread&x=\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1);
        byte[] invalid = new byte[body.length + 2];
        System.arraycopy(body, 0, invalid, 0, body.length);
        invalid[body.length] = (byte) 0xC3;
        invalid[body.length + 1] = (byte) 0x28;
        Http.Response response = http.post("/oauth2/token", Http.basic(key.clientId(), key.secret()),
                "application/x-www-form-urlencoded; charset=UTF-8", invalid);
        assertThat(response.status()).as(response.body()).isLessThan(500);
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void sqlMetacharactersInTheClientId() {
        String injected = "x' OR '1'='1'; DROP TABLE api_key; --";
        assertOAuthError(http.postForm("/oauth2/token", Http.basic(injected, "secret"), "grant_type=client_credentials"),
                401, "invalid_client");
        assertOAuthError(http.postForm("/oauth2/token", null, Http.formBody(Http.params("grant_type",
                "client_credentials", "client_id", injected, "client_secret", "' OR 1=1 --"))), 401, "invalid_client");
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
    }

    @Test
    void duplicatedParameters() {
        assertOAuthError(tokenWithBody("grant_type=client_credentials&grant_type=client_credentials"), 400,
                "invalid_request");
        assertOAuthError(tokenWithBody("grant_type=client_credentials&scope=roles:read&scope=roles:read"), 400,
                "invalid_request");
        Http.Response twoIds = http.postForm("/oauth2/token", null, "grant_type=client_credentials&client_id="
                + key.clientId() + "&client_id=" + key.clientId() + "&client_secret=" + Http.form(key.secret()));
        assertThat(twoIds.status()).isBetween(400, 401);
        assertThat(twoIds.json().get("error").asString()).isIn("invalid_request", "invalid_client");
    }

    @Test
    void twoAuthenticationMethodsAtOnce() {
        Http.Response response = http.postForm("/oauth2/token", Http.basic(key.clientId(), key.secret()),
                Http.formBody(Http.params("grant_type", "client_credentials", "client_id", key.clientId(),
                        "client_secret", key.secret())));
        assertThat(response.status()).isBetween(400, 401);
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void jsonBodyInsteadOfAForm() {
        Http.Response response = http.post("/oauth2/token", Http.basic(key.clientId(), key.secret()), "application/json",
                "{\"grant_type\":\"client_credentials\"}".getBytes(StandardCharsets.UTF_8));
        assertOAuthError(response, 400, "invalid_request");
    }

    @Test
    void jsonBodyWithoutAnyCredentials() {
        Http.Response response = http.post("/oauth2/token", null, "application/json",
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"x\",\"client_secret\":\"y\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertOAuthError(response, 401, "invalid_client");
    }

    @Test
    void bodyOverOneMebibyte() {
        byte[] body = ("grant_type=client_credentials&padding=" + "a".repeat(1024 * 1024 + 10)).getBytes(StandardCharsets.UTF_8);
        Http.Response response = http.post("/oauth2/token", Http.basic(key.clientId(), key.secret()),
                "application/x-www-form-urlencoded", body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void chunkedBodyOverOneMebibyte() {
        byte[] body = ("grant_type=client_credentials&padding=" + "a".repeat(1024 * 1024 + 10)).getBytes(StandardCharsets.US_ASCII);

        Http.Response response = http.postChunked("/oauth2/token", Http.basic(key.clientId(), key.secret()),
                "application/x-www-form-urlencoded", body);

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(response.json().get("error_description").asString()).contains("larger than");
    }

    @Test
    void aUrlTheFirewallRejectsIsAnOAuthErrorToo() {
        for (String path : List.of("/oauth2/token;x=1", "/oauth2/%2e%2e/oauth2/token")) {
            assertOAuthError(tokenAt(path), 400, "invalid_request");
        }
    }

    Http.Response tokenAt(String path) {
        return http.postForm(path, Http.basic(key.clientId(), key.secret()), "grant_type=client_credentials");
    }

    @Test
    void chunkedTokenRequestOfNormalSizeWorks() {
        byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);

        assertThat(http.postChunked("/oauth2/token", Http.basic(key.clientId(), key.secret()),
                "application/x-www-form-urlencoded", body).status()).isEqualTo(200);
    }

    @Test
    void getOnTheTokenEndpoint() {
        Http.Response response = http.get("/oauth2/token?grant_type=client_credentials");
        assertThat(response.status()).isBetween(400, 405);
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void noneOfThisCountedAgainstTheKey() {
        tokenWithBody("grant_type=password");
        tokenWithBody("scope=roles:read");
        tokenWithBody("grant_type=client_credentials&grant_type=client_credentials");
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }
}
