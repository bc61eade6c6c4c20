package dev.keymint.web;

import static dev.keymint.web.StatelessApiSecurity.statelessApi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the authorization server endpoints and the administration API: health probes
 * and the OpenAPI document are open, anything not explicitly served is closed. No sessions, no
 * form login, no CSRF cookies: keymint is an API.
 */
@Configuration(proxyBeanMethods = false)
class DefaultSecurityConfiguration {

    @Bean
    @Order(100)
    SecurityFilterChain defaultFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .anyRequest().denyAll());
        statelessApi(http);
        return http.build();
    }
}
