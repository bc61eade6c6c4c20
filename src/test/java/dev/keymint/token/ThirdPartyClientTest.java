package dev.keymint.token;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.support.RunningKeymint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keymint as a third party sees it: an independent OAuth 2.0 SDK discovers the metadata, gets a
 * token with client credentials, and an independent JOSE library verifies it against the
 * published JWK Set.
 */
class ThirdPartyClientTest {

    static final String CLIENT_ID = "third-party-admin";
    // '+', '%' and ':' must survive the form-urlencoding inside the Basic header
    static final String SECRET = "third+party%secret:with-special-chars-0123456789";

    @TempDir
    static Path keysDir;
    static RunningKeymint keymint;
    static Issuer issuer;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        issuer = new Issuer("http://127.0.0.1:" + port);
        keymint = RunningKeymint.start(Map.of(
                "server.port", Integer.toString(port),
                "keymint.issuer", issuer.getValue(),
                "keymint.token.audience", "https://orders.example",
                "keymint.embedded-database.database-name", "third_party_" + UUID.randomUUID().toString().replace("-", ""),
                "keymint.signing.keys-directory", keysDir.toString(),
                "keymint.bootstrap.client-id", CLIENT_ID,
                "keymint.bootstrap.client-secret", SECRET));
    }

    @AfterAll
    static void stop() {
        keymint.close();
    }

    @Test
    void discoversGetsATokenAndVerifiesIt() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(issuer);
        assertThat(metadata.getGrantTypes()).extracting(Object::toString).containsExactly("client_credentials");

        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(CLIENT_ID), new Secret(SECRET)),
                new ClientCredentialsGrant(), new Scope("api-keys:read", "roles:read"));
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        AccessTokenResponse success = response.toSuccessResponse();
        assertThat(success.getTokens().getAccessToken().getLifetime()).isEqualTo(3600);
        assertThat(success.getTokens().getAccessToken().getScope()).isEqualTo(new Scope("api-keys:read", "roles:read"));

        JWTClaimsSet claims = verifier(metadata.getJWKSetURI())
                .process(success.getTokens().getAccessToken().getValue(), null);
        assertThat(claims.getIssuer()).isEqualTo(issuer.getValue());
        assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(CLIENT_ID);
        assertThat(claims.getAudience()).containsExactly("https://orders.example");
        assertThat(claims.getStringClaim("scope")).isEqualTo("api-keys:read roles:read");
        assertThat(claims.getStringClaim("role")).isEqualTo("API Full Access");
        assertThat(claims.getStringClaim("role_id")).isNotBlank();
        assertThat(claims.getStringClaim("customer_id")).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isNotNull();
    }

    @Test
    void clientSecretPostWorksAndAWrongSecretIsAnRfc6749Error() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(issuer);

        TokenResponse ok = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretPost(new ClientID(CLIENT_ID), new Secret(SECRET)), new ClientCredentialsGrant())
                .toHTTPRequest().send());
        TokenResponse wrong = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID("no-such-client"), new Secret("wrong")), new ClientCredentialsGrant())
                .toHTTPRequest().send());

        assertThat(ok.indicatesSuccess()).isTrue();
        TokenErrorResponse error = wrong.toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }

    private static DefaultJWTProcessor<SecurityContext> verifier(URI jwksUri) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUri.toURL()).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of("https://orders.example"),
                new JWTClaimsSet.Builder().issuer(issuer.getValue()).build(),
                Set.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id"), null));
        return processor;
    }
}
