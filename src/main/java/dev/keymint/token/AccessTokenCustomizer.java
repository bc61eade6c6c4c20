package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

import dev.keymint.KeymintProperties;
import dev.keymint.signing.SigningKeys;

/**
 * Turns Spring Authorization Server's default JWT into keymint's RFC 9068 access token: header
 * {@code typ: at+jwt} with the signing key's {@code kid}, space-separated {@code scope}, the
 * configured audience, the key's customer, role and microtenant, and a lifetime that never runs
 * past the key's own expiry.
 */
@Component
class AccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String TOKEN_TYPE = "at+jwt";

    private final SigningKeys signingKeys;
    private final List<String> audience;
    private final Clock clock;

    AccessTokenCustomizer(SigningKeys signingKeys, TokenProperties tokenProperties, KeymintProperties properties,
            Clock clock) {
        this.signingKeys = signingKeys;
        this.audience = tokenProperties.audience().isEmpty()
                ? List.of(properties.issuer().toString())
                : List.copyOf(tokenProperties.audience());
        this.clock = clock;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        context.getJwsHeader()
                .algorithm(SignatureAlgorithm.from(signingKeys.algorithm().name()))
                .type(TOKEN_TYPE)
                .keyId(signingKeys.snapshot().signing().getKeyID());

        Instant now = clock.instant();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(client.getTokenSettings().getAccessTokenTimeToLive());
        Instant keyExpiry = ApiKeyClients.expiresAt(client);
        if (keyExpiry != null && keyExpiry.isBefore(expiresAt)) {
            expiresAt = keyExpiry.truncatedTo(ChronoUnit.SECONDS);
        }
        if (!expiresAt.isAfter(issuedAt)) {
            expiresAt = issuedAt.plusSeconds(1);
        }
        String microtenantId = ApiKeyClients.microtenantId(client);
        context.getClaims()
                .id(TokenIds.newId(now))
                .issuedAt(issuedAt)
                .notBefore(issuedAt)
                .expiresAt(expiresAt)
                .audience(audience)
                .claim("client_id", client.getClientId())
                .claim("role", ApiKeyClients.roleName(client))
                .claim("role_id", ApiKeyClients.roleId(client))
                .claim("customer_id", ApiKeyClients.customerId(client))
                .claims(claims -> {
                    claims.remove("scope");
                    if (!context.getAuthorizedScopes().isEmpty()) {
                        claims.put("scope", String.join(" ", context.getAuthorizedScopes()));
                    }
                    if (microtenantId != null) {
                        claims.put("microtenant_id", microtenantId);
                    }
                });
    }
}
