package dev.keymint.ratelimit;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.keymint.caller.Caller;
import dev.keymint.web.ErrorResponses;
import dev.keymint.web.ProblemType;

/**
 * The per-caller limits of the administration API: reads (GET, HEAD) and writes (everything else)
 * each have a budget per caller, the API key or outside subject its bearer token names. Runs after
 * the token was verified, so a request without a valid token is a 401 and spends nothing; every
 * admitted answer carries what is left.
 */
final class CallerRateLimitInterceptor implements HandlerInterceptor {

    private static final int READS = 0;
    private static final int WRITES = 1;

    private final Budget reads;
    private final Budget writes;
    private final Budgets callers;
    private final RateLimitMetrics metrics;

    CallerRateLimitInterceptor(Budget reads, Budget writes, Budgets callers, RateLimitMetrics metrics) {
        this.reads = reads;
        this.writes = writes;
        this.callers = callers;
        this.metrics = metrics;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            return true;
        }
        boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        Budget budget = read ? reads : writes;
        int slot = read ? READS : WRITES;
        // the customer too: an outside issuer's subject is namespaced by its issuer, a client ID is unique
        AtomicLongArray state = callers.of(caller.customerId() + ' ' + caller.actor());
        long now = callers.nowMicros();
        long wait = budget.take(state, slot, now);
        if (wait > 0) {
            metrics.limited(budget);
            long seconds = RateLimitAnswers.refused(response, budget, wait);
            ErrorResponses.problem(request, response, ProblemType.TOO_MANY_REQUESTS.problem("Too many "
                    + (read ? "reads" : "writes") + " by this caller: at most " + budget.limit() + " per "
                    + budget.period().toSeconds() + " s; retry in " + seconds + " s."));
            return false;
        }
        RateLimitAnswers.admitted(response, budget, budget.remaining(state, slot, now),
                budget.untilFull(state, slot, now));
        return true;
    }
}
