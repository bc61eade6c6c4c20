package dev.keymint.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.apikey.ClientSecrets;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    static SqlStatements sqlStatements() {
        return new SqlStatements();
    }

    @Bean
    FilterRegistrationBean<ClientCertificateHeaderFilter> clientCertificateHeaderFilter() {
        FilterRegistrationBean<ClientCertificateHeaderFilter> registration =
                new FilterRegistrationBean<>(new ClientCertificateHeaderFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    TestKeys testKeys(JdbcClient jdbc, ApiKeyRepository apiKeys, ClientSecrets secrets, MutableClock clock) {
        return new TestKeys(jdbc, apiKeys, secrets, clock);
    }
}
