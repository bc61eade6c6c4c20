package dev.keymint.token;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;

import dev.keymint.KeymintProperties;
import dev.keymint.apikey.ApiKey;
import dev.keymint.role.RolePermissions;
import dev.keymint.signing.SigningAlgorithm;
import dev.keymint.signing.SigningKeys;
import dev.keymint.support.ApiKeyRows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The claims of keymint's access token (RFC 9068), built and signed without an application context. */
class AccessTokenGeneratorTest {

    static final String ISSUER = "https://keymint.example";
    static final Instant NOW = Instant.parse("2026-05-06T07:08:09.345Z");
    static final Instant IAT = Instant.parse("2026-05-06T07:08:09Z");

    @TempDir
    Path keysDir;
    SigningKeys signingKeys;
    ApiKeyClients clients;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        signingKeys = new SigningKeys(keysDir, SigningAlgorithm.RS256, Duration.ofSeconds(30), Duration.ofHours(1), clock);
        RolePermissions permissions = mock(RolePermissions.class);
        when(permissions.of(anyString(), anyLong())).thenReturn(Set.of("roles:read", "audit:read"));
        clients = new ApiKeyClients(permissions);
    }

    AccessTokenGenerator generator(List<String> audience) {
        return new AccessTokenGenerator(signingKeys,
                new TokenProperties(audience, SigningAlgorithm.RS256, Duration.ofSeconds(60), Duration.ofMinutes(10)),
                new KeymintProperties(URI.create(ISSUER), List.of("roles:read", "audit:read")),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Jwt generate(AccessTokenGenerator generator, ApiKey key, OAuth2TokenType type, Set<String> scopes) {
        RegisteredClient client = clients.toRegisteredClient(key);
        return generator.generate(DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(new SecretAuthenticatedClient(client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "secret-7"))
                .authorizationServerContext(new AuthorizationServerContext() {
                    @Override
                    public String getIssuer() {
                        return ISSUER;
                    }

                    @Override
                    public AuthorizationServerSettings getAuthorizationServerSettings() {
                        return AuthorizationServerSettings.builder().issuer(ISSUER).build();
                    }
                })
                .tokenType(type)
                .authorizedScopes(scopes)
                .build());
    }

    JWTClaimsSet verifiedClaims(Jwt jwt) throws Exception {
        SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
        assertThat(parsed.verify(new RSASSAVerifier(signingKeys.snapshot().signing().toRSAKey()))).isTrue();
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(signingKeys.snapshot().signing().getKeyID());
        return parsed.getJWTClaimsSet();
    }

    @Test
    void anAccessTokenNamesItsKeyCustomerRoleScopeAndSecret() throws Exception {
        JWTClaimsSet claims = verifiedClaims(generate(generator(List.of()),
                ApiKeyRows.key("kmc_one").sessionValiditySeconds(900).build(), OAuth2TokenType.ACCESS_TOKEN,
                Set.of("roles:read")));

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("kmc_one");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("kmc_one");
        assertThat(claims.getAudience()).as("the issuer when none is configured").containsExactly(ISSUER);
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(IAT);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(IAT);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(IAT.plusSeconds(900));
        assertThat(claims.getStringClaim("scope")).isEqualTo("roles:read");
        assertThat(claims.getStringClaim("customer_id")).isEqualTo("customer-1");
        assertThat(claims.getStringClaim("role_id")).isEqualTo("role-1");
        assertThat(claims.getStringClaim("role")).isEqualTo("Role one");
        assertThat(claims.getStringClaim("secret_id")).isEqualTo("secret-7");
        assertThat(claims.getClaims()).doesNotContainKey("microtenant_id");
        assertThat(TokenIds.issuedAt(claims.getJWTID())).as("the jti carries the millisecond").isEqualTo(NOW);
    }

    @Test
    void theConfiguredAudienceAndTheMicrotenantAreCarried() throws Exception {
        JWTClaimsSet claims = verifiedClaims(generate(generator(List.of("https://api.one", "https://api.two")),
                ApiKeyRows.key("kmc_two").microtenant("mt-9").build(), OAuth2TokenType.ACCESS_TOKEN, Set.of()));

        assertThat(claims.getAudience()).containsExactly("https://api.one", "https://api.two");
        assertThat(claims.getStringClaim("microtenant_id")).isEqualTo("mt-9");
        assertThat(claims.getClaims()).as("no scope member for no scope").doesNotContainKey("scope");
    }

    @Test
    void aTokenNeverOutlivesItsKey() throws Exception {
        Jwt capped = generate(generator(List.of()), ApiKeyRows.key("kmc_three").sessionValiditySeconds(3600)
                .expiresAt(NOW.plusSeconds(100)).build(), OAuth2TokenType.ACCESS_TOKEN, Set.of());

        assertThat(verifiedClaims(capped).getExpirationTime().toInstant()).isEqualTo(IAT.plusSeconds(100));
    }

    @Test
    void onlyAccessTokensAreMade() {
        assertThat(generate(generator(List.of()), ApiKeyRows.key("kmc_four").build(), OAuth2TokenType.REFRESH_TOKEN,
                Set.of())).isNull();
    }
}
