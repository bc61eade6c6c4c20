package dev.keymint.web;

import static dev.keymint.web.StatelessApiSecurity.statelessApi;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator endpoints, wherever they are served (the main port, or {@code management.server.port}):
 * health with its liveness and readiness groups for probes and load balancers, the Prometheus
 * scrape for the metrics system, both without credentials as those systems expect, and info (which
 * provider signs); any other endpoint, should one be exposed, is closed. Keep the scrape off the public network (see
 * docs/operations.md): it holds counts, never a client ID or a secret.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

    @Bean
    @Order(50)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http) {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
                        .permitAll()
                        .anyRequest().denyAll());
        statelessApi(http);
        return http.build();
    }
}
