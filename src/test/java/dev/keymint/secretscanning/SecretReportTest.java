package dev.keymint.secretscanning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.apikey.ClientSecrets;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

/**
 * Reports of leaked secrets, over real HTTP: an administrator's, within its scope, and a
 * secret-scanning partner's, signed with a key the partner publishes (played by WireMock), which
 * is answered the same whether or not anything matched and acted on in the background.
 */
@TestPropertySource(properties = "keymint.api-key.last-used-flush-interval=200ms")
class SecretReportTest extends KeymintHttpTest {

    static final String KEY_ID = "partner-key-1";
    static final WireMockServer PARTNER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final KeyPair PARTNER_KEY;
    static final KeyPair STRANGER_KEY;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            PARTNER_KEY = generator.generateKeyPair();
            STRANGER_KEY = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        PARTNER.start();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(PARTNER_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        PARTNER.stubFor(get(urlEqualTo("/meta/public_keys/secret_scanning")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"public_keys\":[{\"key_identifier\":\"" + KEY_ID + "\",\"key\":"
                        + "\"" + pem.replace("\n", "\\n") + "\",\"is_current\":true}]}")));
    }

    @DynamicPropertySource
    static void partnerKeys(DynamicPropertyRegistry registry) {
        registry.add("keymint.secret-reports.partner.public-keys-url",
                () -> PARTNER.baseUrl() + "/meta/public_keys/secret_scanning");
    }

    Key newKey() {
        return keys.newKey(List.of("api-keys:read"));
    }

    AdminApi administrator(String... permissions) {
        Key key = keys.newKey(List.of(permissions));
        return AdminApi.as(http, key.clientId(), key.secret());
    }

    static String report(String secret) {
        return "{\"secret\":\"" + secret + "\"}";
    }

    static String status(AdminApi admin, String clientId) {
        return admin.get("/api/v1/api-keys/" + clientId).json().get("status").asString();
    }

    Http.Response partnerReport(String body, KeyPair signer, String keyId) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer.getPrivate());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        signature.update(bytes);
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + "/secret-scanning/reports"))
                .header("Content-Type", "application/json")
                .header("GITHUB-PUBLIC-KEY-IDENTIFIER", keyId)
                .header("GITHUB-PUBLIC-KEY-SIGNATURE", Base64.getEncoder().encodeToString(signature.sign()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    static String partnerBody(String secret) {
        return "[{\"token\":\"" + secret + "\",\"type\":\"keymint_client_secret\","
                + "\"url\":\"https://github.com/octo/repo/blob/abc/config.env\",\"source\":\"content\"}]";
    }

    @Test
    void anAdministratorsReportDisablesTheKeyAndIsAudited() {
        Key leaked = newKey();
        accessToken(leaked.clientId(), leaked.secret());
        AdminApi admin = administrator("api-keys:read", "api-keys:write", "audit:read");

        Http.Response reported = admin.post("/api/v1/api-keys/secret-reports", report(leaked.secret()));

        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(reported.json().get("clientId").asString()).isEqualTo(leaked.clientId());
        assertThat(reported.json().get("action").asString()).isEqualTo("disable");
        assertThat(reported.json().get("changed").asBoolean()).isTrue();
        assertThat(reported.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(reported.body()).doesNotContain(leaked.secret());
        assertThat(http.token(leaked.clientId(), leaked.secret()).status()).isEqualTo(401);

        JsonNode event = admin.get("/api/v1/audit-events?type=api-key.secret-reported&target=" + leaked.clientId())
                .json().get("items").get(0);
        assertThat(event.get("details").get("action").asString()).isEqualTo("disable");
        assertThat(event.get("details").get("reportedBy").asString()).isEqualTo("administrator");
        assertThat(event.toString()).doesNotContain(leaked.secret());

        Http.Response again = admin.post("/api/v1/api-keys/secret-reports", report(leaked.secret()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("changed").asBoolean()).isFalse();
    }

    @Test
    void reportingNeedsWritePermissionButNotTheKeysRole() {
        Key leaked = keys.newKey(List.of("api-keys:read", "roles:read", "audit:read"));

        assertThat(administrator("api-keys:read").post("/api/v1/api-keys/secret-reports", report(leaked.secret()))
                .status()).isEqualTo(403);
        Http.Response reported = administrator("api-keys:write")
                .post("/api/v1/api-keys/secret-reports", report(leaked.secret()));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    }

    @Test
    void anAdministratorFindsOnlyKeysInItsScope() {
        String otherCustomer = keys.newCustomer();
        Key elsewhere = keys.key(otherCustomer, keys.newRole(otherCustomer, List.of("api-keys:read"))).create();
        AdminApi admin = administrator("api-keys:read", "api-keys:write");

        Http.Response response = admin.post("/api/v1/api-keys/secret-reports", report(elsewhere.secret()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:keymint:problem:not-found");
        assertThat(http.token(elsewhere.clientId(), elsewhere.secret()).status()).isEqualTo(200);
    }

    @Test
    void aStringThatIsNoKeymintSecretIsRefusedWithTheReason() {
        Http.Response response = administrator("api-keys:write")
                .post("/api/v1/api-keys/secret-reports", report("kms_not-a-real-secret"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("secret");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("checksum");
    }

    @Test
    void aSignedPartnerReportDisablesTheKeyInTheBackground() throws Exception {
        Key leaked = newKey();
        AdminApi admin = administrator("api-keys:read", "audit:read");

        Http.Response response = partnerReport(partnerBody(leaked.secret()), PARTNER_KEY, KEY_ID);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(admin, leaked.clientId()).equals("DISABLED"));
        JsonNode event = admin.get("/api/v1/audit-events?type=api-key.secret-reported&target=" + leaked.clientId())
                .json().get("items").get(0);
        assertThat(event.get("actor").asString()).isEqualTo("secret-scanning");
        assertThat(event.get("details").get("url").asString()).isEqualTo("https://github.com/octo/repo/blob/abc/config.env");
        assertThat(event.toString()).doesNotContain(leaked.secret());
    }

    @Test
    void thePartnerGetsTheSameAnswerWhetherOrNotASecretMatched() throws Exception {
        Key leaked = newKey();
        String neverIssued = new ClientSecrets().newSecret();

        Http.Response matched = partnerReport(partnerBody(leaked.secret()), PARTNER_KEY, KEY_ID);
        Http.Response unmatched = partnerReport(partnerBody(neverIssued), PARTNER_KEY, KEY_ID);
        Http.Response noSecretAtAll = partnerReport(partnerBody("kms_something-else"), PARTNER_KEY, KEY_ID);

        for (Http.Response response : List.of(unmatched, noSecretAtAll)) {
            assertThat(response.status()).isEqualTo(matched.status());
            assertThat(response.body()).isEqualTo(matched.body());
            assertThat(response.header("Content-Type")).isEqualTo(matched.header("Content-Type"));
        }
    }

    @Test
    void aReportWithoutAValidSignatureIsRefusedAndChangesNothing() throws Exception {
        Key leaked = newKey();

        assertThat(partnerReport(partnerBody(leaked.secret()), STRANGER_KEY, KEY_ID).status()).isEqualTo(401);
        assertThat(partnerReport(partnerBody(leaked.secret()), PARTNER_KEY, "unknown-key").status()).isEqualTo(401);
        Http.Response unsigned = http.post("/secret-scanning/reports", null, "application/json",
                partnerBody(leaked.secret()).getBytes(StandardCharsets.UTF_8));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("detail").asString()).contains("GITHUB-PUBLIC-KEY-SIGNATURE");

        assertThat(http.token(leaked.clientId(), leaked.secret()).status()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNoListOfReportsIsABadRequest() throws Exception {
        Http.Response response = partnerReport("{\"token\":\"x\"}", PARTNER_KEY, KEY_ID);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("JSON array");
    }

    @Test
    void aKeyFromBeforeTheLookupDigestIsFoundAfterItsNextAuthentication() {
        Key old = newKey();
        keys.jdbc().sql("UPDATE api_key SET secret_lookup = NULL WHERE client_id = ?").param(old.clientId()).update();
        AdminApi admin = administrator("api-keys:read", "api-keys:write");
        assertThat(admin.post("/api/v1/api-keys/secret-reports", report(old.secret())).status()).isEqualTo(404);

        accessToken(old.clientId(), old.secret());

        await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.post("/api/v1/api-keys/secret-reports", report(old.secret())).status() == 200);
        assertThat(status(admin, old.clientId())).isEqualTo("DISABLED");
    }

    @Test
    void aPreviousSecretInItsGraceIsFoundToo() {
        AdminApi admin = administrator("api-keys:read", "api-keys:write");
        Key key = keys.newKey(List.of("api-keys:read"));
        Http.Response regenerated = admin.post("/api/v1/api-keys/" + key.clientId() + "/secret", "{\"graceSeconds\":3600}");
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);

        Http.Response reported = admin.post("/api/v1/api-keys/secret-reports", report(key.secret()));

        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(reported.json().get("status").asString()).isEqualTo("DISABLED");
    }
}
