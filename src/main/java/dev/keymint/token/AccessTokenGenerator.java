package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import dev.keymint.KeymintProperties;
import dev.keymint.apikey.ApiKey;
import dev.keymint.signing.SigningKeys;
import dev.keymint.signing.JwtSigner;

/**
 * keymint's access token (RFC 9068) as Spring Authorization Server's token generator: header
 * {@code typ: at+jwt} with the signing key's {@code alg} and {@code kid}; claims {@code iss},
 * {@code sub} and {@code client_id} (the key), the configured audience, {@code iat} = {@code nbf},
 * {@code exp} after the key's session validity interval but never past the key's own expiry,
 * a UUIDv7 {@code jti}, the space-separated {@code scope}, the key's customer, role and
 * microtenant, and the ID of the secret that obtained it.
 *
 * <p>In place of Spring's {@code JwtGenerator} with a customizer, which would build the claims
 * twice over (its defaults, a random UUID {@code jti} from {@code SecureRandom} that the
 * customizer replaces, then Spring's claim builders and converters), and do that on every token
 * request for the one token type keymint issues.
 */
class AccessTokenGenerator implements OAuth2TokenGenerator<Jwt> {

    static final String TOKEN_TYPE = "at+jwt";

    private final JwtSigner signer;
    private final List<String> audience;
    private final Clock clock;

    AccessTokenGenerator(SigningKeys signingKeys, TokenProperties tokenProperties, KeymintProperties properties,
            Clock clock) {
        this.signer = new JwtSigner(signingKeys, TOKEN_TYPE);
        this.audience = tokenProperties.audience().isEmpty()
                ? List.of(properties.issuer().toString())
                : List.copyOf(tokenProperties.audience());
        this.clock = clock;
    }

    @Override
    public @Nullable Jwt generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return null;
        }
        RegisteredClient client = context.getRegisteredClient();
        Instant now = clock.instant();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = ApiKey.tokenExpiry(issuedAt, client.getTokenSettings().getAccessTokenTimeToLive().toSeconds(),
                ApiKeyClients.expiresAt(client));
        // the key was checked to have a second left when it authenticated; a clock tick since cannot make it none
        if (!expiresAt.isAfter(issuedAt)) {
            expiresAt = issuedAt.plusSeconds(1);
        }
        Map<String, Object> claims = new LinkedHashMap<>(16);
        claims.put(JwtClaimNames.ISS, context.getAuthorizationServerContext().getIssuer());
        claims.put(JwtClaimNames.SUB, client.getClientId());
        claims.put(JwtClaimNames.AUD, audience);
        claims.put(JwtClaimNames.IAT, issuedAt);
        claims.put(JwtClaimNames.NBF, issuedAt);
        claims.put(JwtClaimNames.EXP, expiresAt);
        claims.put(JwtClaimNames.JTI, TokenIds.newId(now));
        claims.put(KeymintClaimNames.CLIENT_ID, client.getClientId());
        claims.put(KeymintClaimNames.ROLE, ApiKeyClients.roleName(client));
        claims.put(KeymintClaimNames.ROLE_ID, ApiKeyClients.roleId(client));
        claims.put(KeymintClaimNames.CUSTOMER_ID, ApiKeyClients.customerId(client));
        String microtenantId = ApiKeyClients.microtenantId(client);
        if (microtenantId != null) {
            claims.put(KeymintClaimNames.MICROTENANT_ID, microtenantId);
        }
        if (!context.getAuthorizedScopes().isEmpty()) {
            claims.put(KeymintClaimNames.SCOPE, String.join(" ", context.getAuthorizedScopes()));
        }
        if (context.getPrincipal() instanceof SecretAuthenticatedClient authenticated) {
            claims.put(KeymintClaimNames.SECRET_ID, authenticated.secretId());
        }
        return signer.sign(claims, issuedAt, expiresAt);
    }
}
