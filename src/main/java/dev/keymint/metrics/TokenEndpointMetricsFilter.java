package dev.keymint.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.keymint.token.SignInEndpointFilter;

/**
 * Times every request to the token endpoint and to the ZPA-compatible sign-in, which issues the
 * same tokens ({@code keymint_token_request_seconds}, a histogram labelled with the HTTP status),
 * and counts the tokens issued: a 200 from either is exactly one token. Outermost of keymint's filters, so that a 503 for a database outage is timed
 * too; the cost on the token path is two clock reads and a map lookup.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenEndpointMetricsFilter extends OncePerRequestFilter {

    private final MeterRegistry registry;
    private final TokenEndpointPath tokenEndpoint;
    private final TokenEndpointPath signIn = new TokenEndpointPath(SignInEndpointFilter.PATH);
    private final Counter tokensIssued;
    // status codes are a small, fixed set: a bounded label
    private final ConcurrentMap<Integer, Timer> timers = new ConcurrentHashMap<>();

    TokenEndpointMetricsFilter(MeterRegistry registry, AuthorizationServerSettings settings) {
        this.registry = registry;
        this.tokenEndpoint = new TokenEndpointPath(settings);
        this.tokensIssued = Counter.builder("keymint.tokens.issued")
                .description("Access tokens issued")
                .register(registry);
        timer(HttpServletResponse.SC_OK);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !tokenEndpoint.matches(request) && !signIn.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Timer.Sample sample = Timer.start(registry);
        // an exception escaping here becomes a 500 further out, after the response status was read
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            sample.stop(timer(status));
            if (status == HttpServletResponse.SC_OK) {
                tokensIssued.increment();
            }
        }
    }

    private Timer timer(int status) {
        return timers.computeIfAbsent(status, code -> Timer.builder("keymint.token.request")
                .description("Time to answer a request to the token endpoint")
                .tag("status", Integer.toString(code))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry));
    }
}
