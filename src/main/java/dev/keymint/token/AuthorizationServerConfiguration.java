package dev.keymint.token;

import static dev.keymint.web.StatelessApiSecurity.statelessApi;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import dev.keymint.KeymintProperties;
import dev.keymint.apikey.ApiKeyLookup;
import dev.keymint.apikey.LastUsedRecorder;
import dev.keymint.lockout.LockoutService;
import dev.keymint.role.PermissionCatalogue;
import dev.keymint.signing.SigningKeys;
import dev.keymint.signing.SigningKeysJwkSource;

/**
 * Spring Authorization Server, narrowed to what keymint is: the client-credentials grant for API
 * keys, with keymint's client authentication, token generator, stateless token store,
 * introspection and revocation in place of the stock ones, and metadata that advertises only
 * that; plus the ZPA-compatible sign-in ({@link SignInEndpointFilter}) over the same providers.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys signingKeys) {
        return new SigningKeysJwkSource(signingKeys);
    }

    /**
     * No Micrometer observation around every security filter, authentication and authorization
     * decision: on the token endpoint those wrappers cost more CPU than everything else but the
     * signature (see docs/architecture.md, "Performance"). The HTTP server observation
     * ({@code http.server.requests}) and keymint's own metrics are unaffected. This applies to
     * every filter chain of the application.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(KeymintProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
    }

    /**
     * Verifies keymint's own access tokens: signature, {@code typ: at+jwt}, issuer, and time within
     * the one clock skew of {@code keymint.token.clock-skew}.
     */
    @Bean
    JwtDecoder accessTokenDecoder(JWKSource<SecurityContext> jwkSource, KeymintProperties properties,
            TokenProperties tokenProperties, Clock clock) {
        return JwtDecoders.decoder(jwkSource, List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256),
                tokenProperties.clockSkew(), clock, List.of(new JwtIssuerValidator(properties.issuer().toString()),
                        new JwtTypeValidator(AccessTokenGenerator.TOKEN_TYPE)));
    }

    @Bean
    StatelessAuthorizationService authorizationService() {
        return new StatelessAuthorizationService();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http,
            ApiKeyRegisteredClientRepository registeredClients, StatelessAuthorizationService authorizationService,
            ApiKeyLookup apiKeys, ApiKeyClients clients, LockoutService lockout, LastUsedRecorder lastUsed,
            ApplicationEventPublisher events, Clock clock, TokenProperties tokenProperties,
            KeymintProperties properties, SigningKeys signingKeys, PermissionCatalogue catalogue,
            AuthorizationServerSettings settings, ActiveAccessTokens activeTokens, TokenRevocations revocations) {
        ApiKeyAuthenticationProvider apiKeyAuthentication = new ApiKeyAuthenticationProvider(apiKeys, clients,
                lockout, lastUsed, events, clock);
        TokenIntrospectionProvider introspection = new TokenIntrospectionProvider(activeTokens);
        TokenRevocationProvider revocation = new TokenRevocationProvider(revocations);
        AccessTokenGenerator tokenGenerator = new AccessTokenGenerator(signingKeys, tokenProperties, properties, clock);
        ClientAuthenticationErrorHandler errors = new ClientAuthenticationErrorHandler();
        // one client-credentials provider for the token endpoint and the ZPA-compatible sign-in
        OAuth2ClientCredentialsAuthenticationProvider clientCredentials =
                new OAuth2ClientCredentialsAuthenticationProvider(authorizationService, tokenGenerator);
        clientCredentials.setAuthenticationValidator(OAuth2ClientCredentialsAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR
                .andThen(AuthorizationServerConfiguration::requireAPermission));
        SignInEndpointFilter signIn = new SignInEndpointFilter(apiKeyAuthentication, clientCredentials, errors);

        UnservedEndpointsFilter unserved = new UnservedEndpointsFilter(settings);

        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), unserved.matcher(),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SignInEndpointFilter.PATH)));
            server.registeredClientRepository(registeredClients)
                    .authorizationService(authorizationService)
                    .tokenGenerator(tokenGenerator)
                    .clientAuthentication(clientAuthentication -> clientAuthentication
                            // Only the two methods keymint supports. Spring's defaults would also
                            // hand a client assertion, a public (PKCE) client or an X.509 client
                            // certificate to providers that look the client up first and tell a
                            // known ID from an unknown one by their error description.
                            .authenticationConverters(converters -> {
                                converters.removeIf(converter ->
                                        !(converter instanceof ClientSecretBasicAuthenticationConverter
                                                || converter instanceof ClientSecretPostAuthenticationConverter));
                                converters.addFirst(new UnsupportedClientAuthenticationMethod());
                                converters.addFirst(new SingleClientAuthenticationMethod());
                            })
                            .authenticationProviders(providers -> {
                                providers.clear();
                                providers.add(apiKeyAuthentication);
                            })
                            .errorResponseHandler(errors))
                    .tokenEndpoint(token -> token
                            // client credentials is the only grant: any other answers unsupported_grant_type
                            .accessTokenRequestConverters(converters -> {
                                converters.clear();
                                converters.add(new DefaultScopeTokenRequestConverter());
                            })
                            .authenticationProviders(providers -> providers.replaceAll(provider ->
                                    provider instanceof OAuth2ClientCredentialsAuthenticationProvider
                                            ? clientCredentials : provider))
                            .accessTokenResponseHandler(new AccessTokenResponseWriter())
                            .errorResponseHandler(errors))
                    .tokenIntrospectionEndpoint(endpoint -> endpoint
                            .authenticationProviders(providers -> {
                                providers.removeIf(OAuth2TokenIntrospectionAuthenticationProvider.class::isInstance);
                                providers.addFirst(introspection);
                            })
                            .errorResponseHandler(errors))
                    .tokenRevocationEndpoint(endpoint -> endpoint
                            .authenticationProviders(providers -> {
                                providers.removeIf(OAuth2TokenRevocationAuthenticationProvider.class::isInstance);
                                providers.addFirst(revocation);
                            })
                            .errorResponseHandler(errors));
        });
        // ahead of Spring's metadata endpoint and of the authorization endpoint's request validation
        http.addFilterAfter(new AuthorizationServerMetadataFilter(settings, List.copyOf(catalogue.all())),
                HeaderWriterFilter.class);
        http.addFilterAfter(unserved, HeaderWriterFilter.class);
        // after the authorization server context (the issuer) and the response headers
        http.addFilterAfter(signIn, HeaderWriterFilter.class);
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors));
        // every request here authenticates its client: there is no anonymous caller to stand for
        statelessApi(http).anonymous(anonymous -> anonymous.disable());
        return http.build();
    }

    /**
     * A token that allows nothing is never issued: it would be inactive from its first use (see
     * {@link ActiveAccessTokens}), so the key's owner learns at once that its role grants nothing.
     */
    private static void requireAPermission(OAuth2ClientCredentialsAuthenticationContext context) {
        if (context.<OAuth2ClientCredentialsAuthenticationToken>getAuthentication().getScopes().isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
                    "The API key's role grants no permission, so a token would allow nothing; give the key a role "
                            + "with permissions.", null));
        }
    }

    /** Ahead of the chain above for token requests, with only the filters that act on them. */
    @Bean
    @Order(0)
    SecurityFilterChain tokenEndpointFilterChain(
            @Qualifier("authorizationServerFilterChain") SecurityFilterChain authorizationServer,
            AuthorizationServerSettings settings) {
        return TokenEndpointFilterChain.from(authorizationServer, settings.getTokenEndpoint());
    }
}
