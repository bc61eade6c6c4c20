package dev.keymint.admin;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.RunningKeymint;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What keymint demands of a token from a trusted outside issuer (played by WireMock): an
 * {@code exp}, the configured audience, a configured {@code typ}; who it names in the audit log;
 * and how often it asks the issuer for its keys.
 */
class TrustedIssuerTest extends AdminTestBase {

    static final RSAKey IDP2_KEY;
    static final RSAKey IDP2_ROTATED;
    static final RSAKey STRANGER;

    static {
        try {
            IDP2_KEY = new RSAKeyGenerator(2048).keyID("idp2-1").generate();
            IDP2_ROTATED = new RSAKeyGenerator(2048).keyID("idp2-2").generate();
            STRANGER = new RSAKeyGenerator(2048).keyID("stranger").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String customerId;

    @BeforeEach
    void publishIdp2Keys() {
        publishIdp2(IDP2_KEY);
        customerId = keys.newCustomer();
    }

    static void publishIdp2(RSAKey... keys) {
        JWKSet set = new JWKSet(Arrays.stream(keys).map(RSAKey::toPublicJWK).map(JWK.class::cast).toList());
        IDP.stubFor(get(urlEqualTo(IDP2_JWKS)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(set.toString())));
    }

    JWTClaimsSet.Builder claims() {
        return outsideClaims(customerId);
    }

    int status(String token) {
        return AdminApi.withToken(http, token).get("/api/v1/customer").status();
    }

    @Test
    void aTokenWithoutExpIsRefused() throws Exception {
        String withoutExp = outsideToken(OUTSIDE_ISSUER, IDP_KEY, claims().expirationTime(null));

        assertProblem(AdminApi.withToken(http, withoutExp).get("/api/v1/customer"), 401);
        assertThat(status(outsideToken(OUTSIDE_ISSUER, IDP_KEY, claims()))).isEqualTo(200);
    }

    @Test
    void onlyAnAccessTokenTypIsAcceptedByDefault() throws Exception {
        for (JOSEObjectType refused : new JOSEObjectType[] {JOSEObjectType.JWT, null, new JOSEObjectType("id_token+jwt")}) {
            String token = outsideToken(OUTSIDE_ISSUER, IDP_KEY, refused, claims());
            assertProblem(AdminApi.withToken(http, token).get("/api/v1/customer"), 401);
        }
        for (String accepted : List.of("at+jwt", "AT+JWT", "application/at+jwt")) {
            assertThat(status(outsideToken(OUTSIDE_ISSUER, IDP_KEY, new JOSEObjectType(accepted), claims())))
                    .as(accepted).isEqualTo(200);
        }
    }

    @Test
    void anIssuerConfiguredForOtherTypesAcceptsThoseOnly() throws Exception {
        assertThat(status(outsideToken(OTHER_ISSUER, IDP2_KEY, JOSEObjectType.JWT, claims()))).isEqualTo(200);
        assertProblem(AdminApi.withToken(http, outsideToken(OTHER_ISSUER, IDP2_KEY, AT_JWT, claims()))
                .get("/api/v1/customer"), 401);
    }

    @Test
    void anOutsideActorIsNamespacedByItsIssuerAndNeverReadsAsAKeymintClientId() throws Exception {
        String roleId = keys.newRole(customerId, List.of("roles:read"));
        // an outside subject that is, letter for letter, a keymint client ID
        AdminApi first = AdminApi.withToken(http, outsideToken(OUTSIDE_ISSUER, IDP_KEY, claims().subject(BOOTSTRAP_ID)));
        AdminApi second = AdminApi.withToken(http,
                outsideToken(OTHER_ISSUER, IDP2_KEY, JOSEObjectType.JWT, claims().subject(BOOTSTRAP_ID)));

        assertThat(first.post("/api/v1/api-keys", json("name", "by the first", "roleId", roleId)).status()).isEqualTo(201);
        assertThat(second.post("/api/v1/api-keys", json("name", "by the second", "roleId", roleId)).status()).isEqualTo(201);

        JsonNode events = first.get("/api/v1/audit-events").json();
        assertThat(events.get("items").values().stream().map(event -> event.get("actor").asString()).toList())
                .containsExactlyInAnyOrder(OUTSIDE_ISSUER + "#" + BOOTSTRAP_ID, OTHER_ISSUER + "#" + BOOTSTRAP_ID);
        assertThat(first.get("/api/v1/audit-events?actor=" + BOOTSTRAP_ID).json().get("totalCount").asLong()).isZero();
    }

    @Test
    void aFloodOfUnknownKidsFetchesTheJwkSetAtMostOnce() throws Exception {
        String good = outsideToken(OTHER_ISSUER, IDP2_KEY, JOSEObjectType.JWT, claims());
        assertThat(status(good)).isEqualTo(200);
        int before = jwkSetFetches();

        for (int i = 0; i < 40; i++) {
            RSAKey madeUp = new RSAKey.Builder(STRANGER).keyID(UUID.randomUUID().toString()).build();
            Http.Response response = AdminApi.withToken(http, outsideToken(OTHER_ISSUER, madeUp, JOSEObjectType.JWT,
                    claims())).get("/api/v1/customer");
            assertProblem(response, 401);
        }

        assertThat(jwkSetFetches() - before).isLessThanOrEqualTo(1);
        assertThat(status(good)).as("a known kid still verifies").isEqualTo(200);
    }

    @Test
    void aRotatedKeyIsFetchedOnceTheRefetchIntervalHasPassed() throws Exception {
        publishIdp2(IDP2_KEY, IDP2_ROTATED);
        clock.advance(OutsideIssuerKeys.REFETCH_INTERVAL.plusSeconds(1));

        assertThat(status(outsideToken(OTHER_ISSUER, IDP2_ROTATED, JOSEObjectType.JWT, claims()))).isEqualTo(200);
    }

    @Test
    void anIssuerWhoseJwkSetAnswers500IsA503WithRetryAfterUntilItIsBack() throws Exception {
        String token = outsideToken(OTHER_ISSUER, IDP2_KEY, JOSEObjectType.JWT, claims());
        assertThat(status(token)).isEqualTo(200);
        IDP.stubFor(get(urlEqualTo(IDP2_JWKS)).willReturn(aResponse().withStatus(500)));
        clock.advance(OutsideIssuerKeys.TIME_TO_LIVE.plusSeconds(1));
        String afterExpiry = outsideToken(OTHER_ISSUER, IDP2_KEY, JOSEObjectType.JWT, claims());

        assertDependencyDown(AdminApi.withToken(http, afterExpiry).get("/api/v1/customer"));

        publishIdp2(IDP2_KEY);
        assertThat(status(afterExpiry)).as("healed without restart").isEqualTo(200);
    }

    @Test
    void anIssuerWhoseJwkSetRefusesConnectionsIsA503WithRetryAfter() throws Exception {
        String token = outsideToken(UNREACHABLE_ISSUER, IDP_KEY, claims());

        assertDependencyDown(AdminApi.withToken(http, token).get("/api/v1/customer"));
    }

    private static void assertDependencyDown(Http.Response response) {
        assertProblem(response, 503);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:keymint:problem:service-unavailable");
        assertThat(response.json().get("detail").asString()).contains("signing keys of the token's issuer");
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aTrustedIssuerWithoutAnAudienceStopsTheStartAndSaysWhy(@TempDir Path keysDir) {
        Throwable failure = catchThrowable(() -> RunningKeymint.start(Map.of(
                "keymint.embedded-database.database-name", "no_audience_" + UUID.randomUUID().toString().replace("-", ""),
                "keymint.signing.keys-directory", keysDir.toString(),
                "keymint.admin.trusted-issuers[0].issuer", OUTSIDE_ISSUER,
                "keymint.admin.trusted-issuers[0].jwk-set-uri", IDP.baseUrl() + "/jwks")).close());

        assertThat(failure).isNotNull()
                .hasStackTraceContaining("trustedIssuers[0].audience")
                .hasStackTraceContaining("is required: the audience (aud)");
    }

    private static int jwkSetFetches() {
        return IDP.countRequestsMatching(getRequestedFor(urlEqualTo(IDP2_JWKS)).build()).getCount();
    }
}
