package dev.keymint.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * What every filter chain of keymint shares: it serves an API whose callers present credentials
 * (or none) on each request. No session, no login form or Basic challenge of Spring's own, and
 * nothing that only a browser session needs — CSRF protection for its cookie, logout, a saved
 * request to return to after a login, the servlet-API wrappers for it. Each of those filters
 * would still run on every request, the token endpoint's included.
 */
public final class StatelessApiSecurity {

    private StatelessApiSecurity() {
    }

    public static HttpSecurity statelessApi(HttpSecurity http) {
        return http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servletApi -> servletApi.disable());
    }
}
