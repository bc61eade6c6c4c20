package dev.keymint.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, every rule as it is by default; only its character checks
 * run without regular expressions ({@link FirewallCharacters}). Spring Security takes an
 * {@code HttpFirewall} bean for every filter chain.
 */
@Configuration(proxyBeanMethods = false)
class HttpFirewallConfiguration {

    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallCharacters::assignedAndNotControl);
        firewall.setAllowedHeaderValues(FirewallCharacters::assignedAndNotControlOrTab);
        firewall.setAllowedParameterNames(FirewallCharacters::assignedAndNotControl);
        return firewall;
    }
}
