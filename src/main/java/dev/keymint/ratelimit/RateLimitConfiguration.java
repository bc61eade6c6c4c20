package dev.keymint.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Installs the limiters when {@code keymint.rate-limit.enabled} (the default): the per-source
 * filter inside the body-size and dependency-failure filters, ahead of every security chain, and
 * the per-caller interceptor on the administration API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "keymint.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry registry) {
        return new RateLimitMetrics(registry);
    }

    @Bean
    FilterRegistrationBean<SourceRateLimitFilter> sourceRateLimitFilter(RateLimitProperties properties,
            RateLimitMetrics metrics, Clock clock) {
        RateLimitProperties.Token token = properties.token();
        Set<String> overlap = new HashSet<>(token.paths());
        overlap.retainAll(token.unauthorizedPaths());
        if (!overlap.isEmpty()) {
            throw new IllegalStateException("keymint.rate-limit.token.paths and .unauthorized-paths both name "
                    + overlap + ": each path is answered one way");
        }
        Budget requests = metrics.register(new Budget("token-requests", token.requests(), token.requestsPeriod()));
        Budget failures = metrics.register(new Budget("token-failures", token.failures(), token.failuresPeriod()));
        RateLimitProperties.SecretReports secretReports = properties.secretReports();
        Budget reports = metrics.register(new Budget("secret-reports", secretReports.requests(),
                secretReports.requestsPeriod()));
        Budgets clients = new Budgets(2, max(requests, failures), properties.maxTrackedKeys(), clock);
        Budgets reporters = new Budgets(1, reports.period(), properties.maxTrackedKeys(), clock);
        FilterRegistrationBean<SourceRateLimitFilter> registration = new FilterRegistrationBean<>(
                new SourceRateLimitFilter(Set.copyOf(token.paths()), Set.copyOf(token.unauthorizedPaths()), requests,
                        failures, reports, clients, reporters, metrics));
        // inside RequestBodyLimitFilter and DependencyFailureFilter, outside the security chains
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerRateLimits(RateLimitProperties properties, RateLimitMetrics metrics, Clock clock) {
        RateLimitProperties.Admin admin = properties.admin();
        Budget reads = metrics.register(new Budget("admin-reads", admin.reads(), admin.readsPeriod()));
        Budget writes = metrics.register(new Budget("admin-writes", admin.writes(), admin.writesPeriod()));
        CallerRateLimitInterceptor interceptor = new CallerRateLimitInterceptor(reads, writes,
                new Budgets(2, max(reads, writes), properties.maxTrackedKeys(), clock), metrics);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns("/api/v1/**");
            }
        };
    }

    private static Duration max(Budget a, Budget b) {
        return a.period().compareTo(b.period()) >= 0 ? a.period() : b.period();
    }
}
