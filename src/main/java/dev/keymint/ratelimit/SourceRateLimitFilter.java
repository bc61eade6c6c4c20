package dev.keymint.ratelimit;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

import dev.keymint.common.SourceAddresses;
import dev.keymint.secretscanning.PartnerReportController;
import dev.keymint.web.ErrorResponses;
import dev.keymint.web.ProblemType;

/**
 * The per-source limits, ahead of Spring Security: on the client-authentication endpoints a budget
 * of requests and a much smaller budget of failures, and on the secret-scanning endpoint a budget
 * of reports.
 *
 * <p>A request's outcome is known only after its client was authenticated, so the failure budget
 * is spent by the answer (a 401) and checked before the next request: once a source has spent it,
 * every request of that source waits until it refills, whatever key it names. On the token path
 * this costs one cache lookup, a few compare-and-sets and a read of the status; no statement, no
 * allocation. A plain filter rather than a {@code OncePerRequestFilter}, whose request attributes
 * every request would pay for; it is registered for the request dispatch only.
 */
final class SourceRateLimitFilter implements Filter {

    // an IPv4 address is its own source; an IPv6 address counts by its /64, which one subscriber
    // usually holds whole, so that walking through its addresses buys no fresh budget
    private static final SourceAddresses SOURCES = new SourceAddresses(32, 64);
    private static final int REQUESTS = 0;
    private static final int FAILURES = 1;

    private final Set<String> tooManyRequestsPaths;
    private final Set<String> unauthorizedPaths;
    private final Budget requests;
    private final Budget failures;
    private final Budget reports;
    private final Budgets clients;
    private final Budgets reporters;
    private final RateLimitMetrics metrics;

    SourceRateLimitFilter(Set<String> tooManyRequestsPaths, Set<String> unauthorizedPaths, Budget requests,
            Budget failures, Budget reports, Budgets clients, Budgets reporters, RateLimitMetrics metrics) {
        this.tooManyRequestsPaths = Set.copyOf(tooManyRequestsPaths);
        this.unauthorizedPaths = Set.copyOf(unauthorizedPaths);
        this.requests = requests;
        this.failures = failures;
        this.reports = reports;
        this.clients = clients;
        this.reporters = reporters;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI();
        boolean unauthorized = unauthorizedPaths.contains(path);
        if (unauthorized || tooManyRequestsPaths.contains(path)) {
            authenticatingClient(request, response, chain, unauthorized);
        } else if (PartnerReportController.PATH.equals(path)) {
            reporting(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void authenticatingClient(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            boolean unauthorized) throws IOException, ServletException {
        AtomicLongArray budget = clients.of(SOURCES.of(request.getRemoteAddr()));
        long now = clients.nowMicros();
        Budget spent = failures;
        long wait = failures.waitFor(budget, FAILURES, now);
        if (wait == 0) {
            spent = requests;
            wait = requests.take(budget, REQUESTS, now);
        }
        if (wait > 0) {
            metrics.limited(spent);
            long seconds = RateLimitAnswers.refused(response, spent, wait);
            String detail = (spent == failures ? "Too many failed client authentications" : "Too many requests")
                    + " from this address; retry in " + seconds + " s.";
            if (unauthorized) {
                // a plain 401, which clients that retry a 429 without end take as the answer it is
                ErrorResponses.oauth2Error(response, HttpStatus.UNAUTHORIZED.value(),
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, detail, null));
            } else {
                // RFC 8628's registered "slow down" of a token endpoint: the closest OAuth error code
                ErrorResponses.oauth2Error(response, HttpStatus.TOO_MANY_REQUESTS.value(),
                        new OAuth2Error("slow_down", detail, null));
            }
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failures.take(budget, FAILURES, clients.nowMicros());
        }
    }

    private void reporting(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long wait = reports.take(reporters.of(SOURCES.of(request.getRemoteAddr())), 0, reporters.nowMicros());
        if (wait > 0) {
            metrics.limited(reports);
            long seconds = RateLimitAnswers.refused(response, reports, wait);
            ErrorResponses.problem(request, response, ProblemType.TOO_MANY_REQUESTS.problem(
                    "Too many reports from this address; retry in " + seconds + " s."));
            return;
        }
        chain.doFilter(request, response);
    }
}
