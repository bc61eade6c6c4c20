package dev.keymint.metrics;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The token endpoint is timed once, by {@link TokenEndpointMetricsFilter}
 * ({@code keymint_token_request_seconds}); Spring's generic {@code http.server.requests}
 * observation of the same requests would double that work on the hottest path.
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpointObservation {

    @Bean
    ObservationPredicate tokenEndpointTimedOnce(AuthorizationServerSettings settings) {
        String tokenEndpoint = settings.getTokenEndpoint();
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && tokenEndpoint.equals(request.getCarrier().getRequestURI()));
    }
}
