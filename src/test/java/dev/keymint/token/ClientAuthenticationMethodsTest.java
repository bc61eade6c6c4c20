package dev.keymint.token;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.support.ClientCertificateHeaderFilter;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only {@code client_secret_basic} and {@code client_secret_post} authenticate a client. Every
 * other method Spring Authorization Server knows (client assertions, public clients, X.509
 * client certificates) gets one answer, whatever client ID it names: status, body and headers
 * are the same for a known and an unknown ID, and nothing is counted against the known key.
 */
class ClientAuthenticationMethodsTest extends KeymintHttpTest {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    // any well-formed JWT: keymint must refuse it before looking at it
    static final String ASSERTION = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl";

    static String certificate;

    Key key;
    String unknownId;

    @BeforeAll
    static void makeClientCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("client.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=test-client", "-validity", "1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        certificate = Base64.getEncoder().encodeToString(keyStore.getCertificate("client").getEncoded());
    }

    @BeforeEach
    void setUp() {
        key = keys.newKey(List.of("roles:read"));
        unknownId = "kmc_" + "unknown" + System.nanoTime();
    }

    @Test
    void aClientAssertionGetsTheSameAnswerForAKnownAndAnUnknownClientId() {
        Function<String, Http.Response> assertion = clientId -> http.postForm("/oauth2/token", null,
                Http.formBody(Http.params("grant_type", "client_credentials", "client_id", clientId,
                        "client_assertion_type", JWT_BEARER, "client_assertion", ASSERTION)));

        Http.Response known = assertion.apply(key.clientId());
        Http.Response unknown = assertion.apply(unknownId);

        assertSameAnswer(known, unknown);
        assertThat(known.status()).isEqualTo(401);
        assertThat(known.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(known.json().get("error_description").asString())
                .contains("client_secret_basic", "client_secret_post");
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }

    @Test
    void aClientAssertionAtIntrospectionAndRevocationGetsTheSameAnswerToo() {
        for (String endpoint : List.of("/oauth2/introspect", "/oauth2/revoke")) {
            Function<String, Http.Response> assertion = clientId -> http.postForm(endpoint, null,
                    Http.formBody(Http.params("token", "whatever", "client_id", clientId,
                            "client_assertion_type", JWT_BEARER, "client_assertion", ASSERTION)));

            Http.Response known = assertion.apply(key.clientId());

            assertSameAnswer(known, assertion.apply(unknownId));
            assertThat(known.status()).as(endpoint).isEqualTo(401);
        }
    }

    @Test
    void aPublicClientGetsTheSameAnswerForAKnownAndAnUnknownClientId() {
        // a PKCE token request: Spring's "none" method looks for client_id and code_verifier
        Function<String, Http.Response> publicClient = clientId -> http.postForm("/oauth2/token", null,
                Http.formBody(Http.params("grant_type", "authorization_code", "code", "abc", "client_id", clientId,
                        "code_verifier", "x".repeat(43), "redirect_uri", "https://client.example/cb")));

        Http.Response known = publicClient.apply(key.clientId());

        assertSameAnswer(known, publicClient.apply(unknownId));
        assertThat(known.status()).isEqualTo(401);
        assertThat(known.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }

    @Test
    void aClientIdWithoutASecretGetsTheSameAnswerForAKnownAndAnUnknownClientId() {
        Function<String, Http.Response> idOnly = clientId -> http.postForm("/oauth2/token", null,
                Http.formBody(Http.params("grant_type", "client_credentials", "client_id", clientId)));

        Http.Response known = idOnly.apply(key.clientId());

        assertSameAnswer(known, idOnly.apply(unknownId));
        assertThat(known.status()).isEqualTo(401);
    }

    @Test
    void aClientCertificateGetsTheSameAnswerForAKnownAndAnUnknownClientId() {
        Function<String, Http.Response> withCertificate = clientId -> http.send(HttpRequest.newBuilder(
                        URI.create(http.base() + "/oauth2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(ClientCertificateHeaderFilter.HEADER, certificate)
                .POST(HttpRequest.BodyPublishers.ofString(Http.formBody(
                        Http.params("grant_type", "client_credentials", "client_id", clientId))))
                .build());

        Http.Response known = withCertificate.apply(key.clientId());

        assertSameAnswer(known, withCertificate.apply(unknownId));
        assertThat(known.status()).isEqualTo(401);
        assertThat(known.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void basicAndPostAuthenticateAndTheirFailuresLookAlikeForKnownAndUnknownIds() {
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        Function<String[], Http.Response> post = credentials -> http.postForm("/oauth2/token", null,
                Http.formBody(Http.params("grant_type", "client_credentials", "client_id", credentials[0],
                        "client_secret", credentials[1])));
        assertThat(post.apply(new String[] {key.clientId(), key.secret()}).status()).isEqualTo(200);

        assertSameAnswer(http.token(key.clientId(), "wrong-secret"), http.token(unknownId, "wrong-secret"));
        assertSameAnswer(post.apply(new String[] {key.clientId(), "wrong-secret"}),
                post.apply(new String[] {unknownId, "wrong-secret"}));
    }

    /** Status, body and every header but the date. */
    static void assertSameAnswer(Http.Response known, Http.Response unknown) {
        assertThat(known.body()).isEqualTo(unknown.body());
        assertThat(known.status()).isEqualTo(unknown.status());
        assertThat(headers(known)).isEqualTo(headers(unknown));
    }

    static Map<String, List<String>> headers(Http.Response response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }
}
