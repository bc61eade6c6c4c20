package dev.keymint.metrics;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The token endpoint is timed once, by {@link TokenEndpointMetricsFilter}
 * ({@code keymint_token_request_seconds}). Spring Boot's {@code http.server.requests}
 * observation filter, registered here in place of Boot's own with the same order and convention,
 * leaves it out entirely: even an observation that a predicate later discards costs an
 * observation context per request on the hottest path.
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpointObservation {

    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> customConvention, ObservationProperties properties,
            AuthorizationServerSettings settings) {
        ServerRequestObservationConvention convention = customConvention.getIfAvailable(() ->
                new DefaultServerRequestObservationConvention(properties.getHttp().getServer().getRequests().getName()));
        TokenEndpointPath tokenEndpoint = new TokenEndpointPath(settings);
        ServerHttpObservationFilter filter = new ServerHttpObservationFilter(registry, convention) {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return tokenEndpoint.matches(request);
            }
        };
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
