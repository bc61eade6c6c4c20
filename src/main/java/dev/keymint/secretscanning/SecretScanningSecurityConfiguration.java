package dev.keymint.secretscanning;

import static dev.keymint.web.StatelessApiSecurity.statelessApi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The partner endpoint takes no credentials: a partner proves itself by its signature, checked by
 * the controller, and its reports can only take access away from whoever leaked a secret.
 */
@Configuration(proxyBeanMethods = false)
class SecretScanningSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain secretScanningFilterChain(HttpSecurity http) {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PartnerReportController.PATH))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
        statelessApi(http);
        return http.build();
    }
}
