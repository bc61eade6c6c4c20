package dev.keymint.admin;

import static dev.keymint.web.StatelessApiSecurity.statelessApi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;

import dev.keymint.KeymintProperties;
import dev.keymint.admin.AdminProperties.TrustedIssuer;
import dev.keymint.caller.Caller;
import dev.keymint.role.AdminPermissions;
import dev.keymint.token.ActiveAccessTokens.ActiveToken;
import dev.keymint.token.ActiveAccessTokens;
import dev.keymint.token.JwtDecoders;
import dev.keymint.token.KeymintClaimNames;
import dev.keymint.token.TokenProperties;
import dev.keymint.web.DependencyUnavailableException;

/**
 * {@code /api/v1/**} as an OAuth 2.0 resource server. The issuer of a token picks how it is
 * checked: keymint's own tokens in-process through {@link ActiveAccessTokens} (signature,
 * {@code typ}, time, and that the key behind the token still allows it, so a disabled, deleted,
 * locked or regenerated key's tokens stop at once, and a permission its key's role lost counts
 * no more); a configured outside issuer's against its JWK Set. Both allow the one clock skew of
 * {@code keymint.token.clock-skew}. Any other issuer is refused. Each endpoint then requires one
 * permission.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    /** The audit log's {@code actor} column. */
    private static final int MAX_ACTOR_LENGTH = 256;
    private static final String MEDIA_TYPE_PREFIX = "application/";

    @Bean
    SecurityProblemWriter securityProblemWriter() {
        return new SecurityProblemWriter();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApiFilterChain(HttpSecurity http, ActiveAccessTokens activeTokens,
            KeymintProperties keymint, AdminProperties admin, TokenProperties tokens, SecurityProblemWriter problems,
            Clock clock) {
        Map<String, AuthenticationManager> managers = new HashMap<>();
        for (TrustedIssuer issuer : admin.trustedIssuers()) {
            managers.put(issuer.issuer(), outsideIssuer(issuer, tokens.clockSkew(), clock));
        }
        managers.put(keymint.issuer().toString(), keymintIssuer(activeTokens));
        JwtIssuerAuthenticationManagerResolver byIssuer = new JwtIssuerAuthenticationManagerResolver(managers::get);

        http.securityMatcher("/api/v1/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/api/v1/customer").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/api-keys/**").hasAuthority(AdminPermissions.API_KEYS_READ)
                        .requestMatchers("/api/v1/api-keys/**").hasAuthority(AdminPermissions.API_KEYS_WRITE)
                        .requestMatchers(HttpMethod.GET, "/api/v1/roles/**").hasAuthority(AdminPermissions.ROLES_READ)
                        .requestMatchers("/api/v1/roles/**").hasAuthority(AdminPermissions.ROLES_WRITE)
                        .requestMatchers(HttpMethod.GET, "/api/v1/microtenants/**").hasAuthority(AdminPermissions.MICROTENANTS_READ)
                        .requestMatchers("/api/v1/microtenants/**").hasAuthority(AdminPermissions.MICROTENANTS_WRITE)
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit-events/**").hasAuthority(AdminPermissions.AUDIT_READ)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(byIssuer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        statelessApi(http);
        return http.build();
    }

    /**
     * keymint's own tokens, without an HTTP call to itself, with the permissions they count for
     * now (the token's scope within what its key's role holds now), exactly as introspection
     * answers. Their audience is left unchecked: it names the downstream APIs the keys are for,
     * and the same token administers keymint.
     */
    private static AuthenticationManager keymintIssuer(ActiveAccessTokens activeTokens) {
        return authentication -> {
            ActiveToken active = activeTokens.find(((BearerTokenAuthenticationToken) authentication).getToken())
                    .orElseThrow(() -> new InvalidBearerTokenException("The access token is invalid, expired, "
                            + "revoked, or its API key no longer allows it"));
            Jwt jwt = active.jwt();
            return new CallerAuthentication(Caller.apiKey(jwt.getClaimAsString(KeymintClaimNames.CLIENT_ID), active.key().customerId(),
                    active.key().microtenantId(), active.permissions()), jwt);
        };
    }

    /**
     * A trusted outside issuer's tokens: signature against its JWK Set ({@link OutsideIssuerKeys}),
     * its {@code iss}, its configured audience, an {@code exp} that has not passed (within the one
     * clock skew), and a {@code typ} it was configured with, so that an ID token or a token it made
     * for another API is not taken for an access token to keymint. The actor is namespaced by the
     * issuer.
     */
    private static AuthenticationManager outsideIssuer(TrustedIssuer issuer, Duration clockSkew, Clock clock) {
        NimbusJwtDecoder decoder = JwtDecoders.decoder(new OutsideIssuerKeys(issuer.jwkSetUri(), clock),
                List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
                        SignatureAlgorithm.PS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384),
                clockSkew, clock, List.of(new JwtIssuerValidator(issuer.issuer()),
                        new JwtAudienceValidator(issuer.audience()),
                        new JwtTypeValidator(withMediaTypePrefix(issuer.tokenTypes()))));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> {
            String customerId = jwt.getClaimAsString(issuer.customerIdClaim());
            String subject = jwt.getClaimAsString(issuer.actorClaim());
            if (customerId == null || subject == null || subject.isBlank()) {
                throw new InvalidBearerTokenException("The token names no customer or no subject");
            }
            String actor = outsideActor(issuer.issuer(), subject);
            if (actor.length() > MAX_ACTOR_LENGTH) {
                throw new InvalidBearerTokenException("The token's issuer and subject are too long for the audit log");
            }
            return new CallerAuthentication(Caller.outside(actor, customerId, jwt.getClaimAsString(issuer.microtenantIdClaim()),
                    CallerAuthentication.permissionsOf(jwt.getClaim(issuer.permissionsClaim()))), jwt);
        });
        return keysUnavailableAs503(issuer, new ProviderManager(provider));
    }

    /**
     * An issuer whose JWK Set cannot be fetched (refused, timed out, a 5xx, not a JWK Set) is a
     * dependency that is down, not a token that is bad: Spring answers it with an
     * {@link AuthenticationServiceException}, which its filter rethrows as a 500. A 503 with
     * {@code Retry-After} tells the caller to come back instead.
     */
    private static AuthenticationManager keysUnavailableAs503(TrustedIssuer issuer, AuthenticationManager verify) {
        return authentication -> {
            try {
                return verify.authenticate(authentication);
            } catch (AuthenticationServiceException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof KeySourceException) {
                        throw new DependencyUnavailableException("keymint cannot fetch the signing keys of the "
                                + "token's issuer (" + issuer.issuer() + ") right now; retry shortly.", e);
                    }
                }
                throw e;
            }
        };
    }

    /**
     * {@code <issuer>#<subject>}: never a keymint client ID, which has no {@code #}, so that an
     * outside subject cannot pass for a keymint key in the audit log, nor two issuers' subjects
     * for each other.
     */
    private static String outsideActor(String issuer, String subject) {
        return issuer + "#" + subject;
    }

    /** RFC 7515 §4.1.9: {@code typ} may omit the {@code application/} of its media type. */
    private static List<String> withMediaTypePrefix(List<String> types) {
        List<String> both = new ArrayList<>();
        for (String type : types) {
            String bare = type.regionMatches(true, 0, MEDIA_TYPE_PREFIX, 0, MEDIA_TYPE_PREFIX.length())
                    ? type.substring(MEDIA_TYPE_PREFIX.length())
                    : type;
            both.add(bare);
            both.add(MEDIA_TYPE_PREFIX + bare);
        }
        return both;
    }
}
