package dev.keymint.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.role.PermissionCatalogue;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every administration API test shares, and so one application context: a managed
 * (read-only) key from configuration, and an outside OpenID provider played by WireMock, trusted
 * under {@code keymint.admin.trusted-issuers}.
 */
@TestPropertySource(properties = {
        "keymint.managed-keys[0].client-id=" + AdminTestBase.MANAGED_CLIENT_ID,
        "keymint.managed-keys[0].client-secret=" + AdminTestBase.MANAGED_SECRET,
        "keymint.managed-keys[0].name=Deployment pipeline key",
        "keymint.managed-keys[0].role=API Read Only",
        "keymint.managed-keys[0].managed-by=terraform",
        "keymint.audit.retention-days=30"})
abstract class AdminTestBase extends KeymintHttpTest {

    static final String MANAGED_CLIENT_ID = "kmc_managed_pipeline";
    static final String MANAGED_SECRET = "managed-secret-0123456789abcdef-0123456789";
    static final String OUTSIDE_ISSUER = "https://idp.example.test";
    /** A second outside issuer, configured for {@code typ: JWT}, whose JWK Set is at {@link #IDP2_JWKS}. */
    static final String OTHER_ISSUER = "https://idp2.example.test";
    static final String IDP2_JWKS = "/idp2/jwks";
    /** A third outside issuer, whose JWK Set URL is a port nobody listens on. */
    static final String UNREACHABLE_ISSUER = "https://idp3.example.test";
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    static final List<String> ALL = List.of("api-keys:read", "api-keys:write", "roles:read", "roles:write",
            "microtenants:read", "microtenants:write", "audit:read");

    static final WireMockServer IDP = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final RSAKey IDP_KEY;

    static {
        try {
            IDP_KEY = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        IDP.start();
        IDP.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(IDP_KEY.toPublicJWK()).toString())));
    }

    // all of the list element in one property source: Spring Boot binds a list from one source only
    @DynamicPropertySource
    static void outsideIssuer(DynamicPropertyRegistry registry) {
        registry.add("keymint.admin.trusted-issuers[0].issuer", () -> OUTSIDE_ISSUER);
        registry.add("keymint.admin.trusted-issuers[0].jwk-set-uri", () -> IDP.baseUrl() + "/jwks");
        registry.add("keymint.admin.trusted-issuers[0].audience", () -> "keymint-admin");
        registry.add("keymint.admin.trusted-issuers[0].customer-id-claim", () -> "tenant");
        registry.add("keymint.admin.trusted-issuers[0].permissions-claim", () -> "permissions");
        registry.add("keymint.admin.trusted-issuers[1].issuer", () -> OTHER_ISSUER);
        registry.add("keymint.admin.trusted-issuers[1].jwk-set-uri", () -> IDP.baseUrl() + IDP2_JWKS);
        registry.add("keymint.admin.trusted-issuers[1].audience", () -> "keymint-admin");
        registry.add("keymint.admin.trusted-issuers[1].token-types[0]", () -> "JWT");
        registry.add("keymint.admin.trusted-issuers[1].customer-id-claim", () -> "tenant");
        registry.add("keymint.admin.trusted-issuers[1].permissions-claim", () -> "permissions");
        registry.add("keymint.admin.trusted-issuers[2].issuer", () -> UNREACHABLE_ISSUER);
        registry.add("keymint.admin.trusted-issuers[2].jwk-set-uri", () -> "http://127.0.0.1:" + closedPort() + "/jwks");
        registry.add("keymint.admin.trusted-issuers[2].audience", () -> "keymint-admin");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    PermissionCatalogue catalogue;

    /** A key of the installation's customer whose role holds exactly {@code permissions}. */
    AdminApi adminWith(List<String> permissions) {
        Key key = keys.newKey(permissions);
        return AdminApi.as(http, key.clientId(), key.secret());
    }

    /** A fresh customer with a full administrator: a world of its own, so that counts are exact. */
    Tenant newTenant() {
        String customerId = keys.newCustomer();
        String roleId = keys.newRole(customerId, ALL);
        Key admin = keys.key(customerId, roleId).create();
        return new Tenant(customerId, roleId, admin, AdminApi.as(http, admin.clientId(), admin.secret()));
    }

    record Tenant(String customerId, String fullRoleId, Key adminKey, AdminApi api) {
    }

    /** Every permission of the catalogue: what a full-access key's role holds. */
    List<String> everyPermission() {
        return List.copyOf(catalogue.all());
    }

    String roleIdByName(String customerId, String name) {
        return keys.jdbc().sql("SELECT id FROM role WHERE customer_id = ? AND name = ?").params(customerId, name)
                .query(String.class).single();
    }

    /** The claims of a valid token of the outside issuer for the customer, with {@link #ALL} permissions. */
    JWTClaimsSet.Builder outsideClaims(String customerId) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject("outside-admin")
                .audience("keymint-admin")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("tenant", customerId)
                .claim("permissions", ALL);
    }

    /** An administrator of the trusted outside issuer for the customer, claiming {@code permissions}. */
    AdminApi outsideAdmin(String customerId, Collection<String> permissions) {
        try {
            return AdminApi.withToken(http, outsideToken(OUTSIDE_ISSUER, IDP_KEY,
                    outsideClaims(customerId).claim("permissions", List.copyOf(permissions))));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An RFC 9068 access token ({@code typ: at+jwt}) from the outside issuer, signed with its key. */
    static String outsideToken(String issuer, RSAKey key, JWTClaimsSet.Builder claims) throws JOSEException {
        return outsideToken(issuer, key, AT_JWT, claims);
    }

    /** A token from the outside issuer with the given {@code typ} (none when null), signed with its key. */
    static String outsideToken(String issuer, RSAKey key, JOSEObjectType type, JWTClaimsSet.Builder claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(type).build(), claims.issuer(issuer).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    /** The field names of a validation problem's {@code errors}. */
    static List<String> errorFields(Http.Response response) {
        assertProblem(response, 400);
        return response.json().get("errors").values().stream().map(error -> error.get("field").asString()).toList();
    }

    /** A value written into {@link #json} as it is: an array, a huge number, a string holding quotes. */
    record Raw(String json) {
    }

    static Raw raw(String json) {
        return new Raw(json);
    }

    static String json(Object... keyValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(keyValues[i]).append("\":");
            Object value = keyValues[i + 1];
            out.append(value instanceof Raw raw ? raw.json() : value instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : String.valueOf(value));
        }
        return out.append('}').toString();
    }
}
