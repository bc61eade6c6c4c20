package dev.keymint.token;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;

import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Prometheus;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /signin}, replaying byte for byte what ZPA's published SDKs send (neither is on Maven
 * Central or npm): the Python SDK ({@code zscaler/zpa/legacy.py}, {@code login()}) and the legacy
 * Go client, and checking what they need of the answer.
 */
class SignInTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("api-keys:read", "roles:read");

    /**
     * The Python SDK: {@code urllib.parse.urlencode({"client_id", "client_secret"})} posted with
     * these three headers; it then takes {@code access_token} from any 2xx with a JSON body, and
     * signs in again once the JWT's {@code exp} is near.
     */
    Http.Response pythonSdkSignIn(String clientId, String secret) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", "zscaler-sdk-python/1.11.3 python/3.13.5 Linux/6.12.0")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "client_id=" + Http.form(clientId) + "&client_secret=" + Http.form(secret)))
                .build());
    }

    /** The Go client: {@code url.Values{client_id, client_secret}.Encode()}, which sorts the names. */
    Http.Response goSdkSignIn(String clientId, String secret) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "zscaler-sdk-go/3.8.0 golang/go1.24.4 linux/amd64")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "client_id=" + Http.form(clientId) + "&client_secret=" + Http.form(secret)))
                .build());
    }

    JWTClaimsSet verify(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(http.get("/oauth2/jwks").body()))));
        return processor.process(token, null);
    }

    @Test
    void thePythonSdksSignInGetsZpasShapeWithTheSameJwtAsTheTokenEndpoint() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response response = pythonSdkSignIn(key.clientId(), key.secret());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("token_type", "access_token", "expires_in");
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        JWTClaimsSet signIn = verify(body.get("access_token").asString());
        JWTClaimsSet token = verify(accessToken(key.clientId(), key.secret()));
        assertThat(signIn.getExpirationTime()).isNotNull();
        assertThat(signIn.getExpirationTime().toInstant().getEpochSecond()
                - signIn.getIssueTime().toInstant().getEpochSecond()).isEqualTo(3600);
        assertThat(signIn.getClaims().keySet()).isEqualTo(token.getClaims().keySet());
        for (String claim : List.of("iss", "sub", "aud", "client_id", "role", "role_id", "customer_id", "secret_id")) {
            assertThat(signIn.getClaim(claim)).as(claim).isEqualTo(token.getClaim(claim));
        }
        assertThat(Set.of(signIn.getStringClaim("scope").split(" "))).containsExactlyInAnyOrderElementsOf(PERMISSIONS);
        assertThat(signIn.getJWTID()).isNotEqualTo(token.getJWTID());
        // and it works where keymint's tokens work
        assertThat(introspect(key, body.get("access_token").asString()).get("active").asBoolean()).isTrue();
    }

    @Test
    void theGoSdkGetsExpiresInAsTheJsonStringItDecodes() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response response = goSdkSignIn(key.clientId(), key.secret());

        assertThat(response.status()).isEqualTo(200);
        JsonNode expiresIn = response.json().get("expires_in");
        assertThat(expiresIn.isString()).as("a JSON string, as the Go SDK's struct field is").isTrue();
        assertThat(expiresIn.asString()).isEqualTo("3600");
    }

    @Test
    void aWrongSecretIsThe401OfTheTokenEndpointAndCountsTowardsTheSameLock() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response first = pythonSdkSignIn(key.clientId(), "kms_wrong");
        goSdkSignIn(key.clientId(), "kms_wrong");
        Http.Response third = http.token(key.clientId(), "kms_wrong");

        assertThat(first.status()).isEqualTo(401);
        assertThat(first.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(first.json().get("error_description").asString()).isEqualTo("Client authentication failed.");
        assertThat(first.header("WWW-Authenticate")).isNull();
        assertThat(third.json().get("error_description").asString()).contains("locked");
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(3);

        Http.Response locked = pythonSdkSignIn(key.clientId(), key.secret());
        assertThat(locked.status()).as("a 401, never a status ZPA's clients retry").isEqualTo(401);
        assertThat(locked.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(locked.json().get("error_description").asString()).contains("locked");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1790L, 1800L);
    }

    @Test
    void anUnknownClientGetsWhatAWrongSecretGets() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response wrong = pythonSdkSignIn(key.clientId(), "kms_wrong");
        Http.Response unknown = pythonSdkSignIn("kmc_nobody_" + System.nanoTime(), "kms_wrong");

        assertThat(unknown.status()).isEqualTo(wrong.status());
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void aDisabledKeyIsTold401OnlyWithTheRightSecret() {
        Key key = keys.newKey(PERMISSIONS);
        keys.setStatus(key.clientId(), ApiKeyStatus.DISABLED);

        Http.Response right = goSdkSignIn(key.clientId(), key.secret());

        assertThat(right.status()).isEqualTo(401);
        assertThat(right.json().get("error_description").asString()).isEqualTo("The client is disabled.");
        assertThat(goSdkSignIn(key.clientId(), "kms_wrong").json().get("error_description").asString())
                .isEqualTo("Client authentication failed.");
    }

    @Test
    void credentialsOutsideAFormBodyAreA400ThatSaysWhereTheyBelongAndCountNothing() {
        Key key = keys.newKey(PERMISSIONS);

        Http.Response json = http.post("/signin", null, "application/json",
                ("{\"client_id\":\"" + key.clientId() + "\",\"client_secret\":\"wrong\"}").getBytes());
        Http.Response inUrl = http.postForm("/signin?client_secret=wrong", null, "client_id=" + key.clientId());
        Http.Response missing = http.postForm("/signin", null, "client_id=" + key.clientId());
        Http.Response twice = http.postForm("/signin", null,
                "client_id=" + key.clientId() + "&client_secret=a&client_secret=b");

        for (Http.Response response : List.of(json, inUrl, missing, twice)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
        }
        assertThat(json.json().get("error_description").asString()).contains("application/x-www-form-urlencoded");
        assertThat(inUrl.json().get("error_description").asString()).contains("request body");
        assertThat(missing.json().get("error_description").asString()).contains("client_secret");
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }

    @Test
    void aSignInIsTimedAndCountedAsATokenIssued() {
        Key key = keys.newKey(PERMISSIONS);
        Prometheus before = Prometheus.scrape(http);

        assertThat(goSdkSignIn(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(goSdkSignIn(key.clientId(), "kms_wrong").status()).isEqualTo(401);

        Prometheus after = Prometheus.scrape(http);
        assertThat(after.count("keymint_tokens_issued_total") - before.count("keymint_tokens_issued_total"))
                .isEqualTo(1);
        assertThat(after.count("keymint_client_authentication_failures_total", "reason=\"bad_secret\"")
                - before.count("keymint_client_authentication_failures_total", "reason=\"bad_secret\""))
                .isEqualTo(1);
        assertThat(after.count("keymint_token_request_seconds_count", "status=\"401\"")
                - before.count("keymint_token_request_seconds_count", "status=\"401\"")).isEqualTo(1);
    }
}
