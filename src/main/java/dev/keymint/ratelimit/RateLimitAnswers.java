package dev.keymint.ratelimit;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The headers of a limited request, and of an admitted one where they are sent: {@code Retry-After}
 * in whole seconds, and the structured fields {@code RateLimit-Policy} and {@code RateLimit} of
 * draft-ietf-httpapi-ratelimit-headers (revisions 08 and later), which name the limit, so that a
 * client of an endpoint with two limits knows which one it hit (docs/security.md, "Rate limits").
 */
final class RateLimitAnswers {

    static final String POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";

    private RateLimitAnswers() {
    }

    /** Sets the headers of a refusal; returns the {@code Retry-After} seconds. */
    static long refused(HttpServletResponse response, Budget budget, long waitMicros) {
        long seconds = Budget.seconds(waitMicros);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setHeader(POLICY, budget.policyHeader());
        response.setHeader(RATE_LIMIT, "\"" + budget.name() + "\";r=0;t=" + seconds);
        return seconds;
    }

    /** The headers of an admitted request: what is left, and when the budget is full again. */
    static void admitted(HttpServletResponse response, Budget budget, int remaining, long untilFullMicros) {
        response.setHeader(POLICY, budget.policyHeader());
        response.setHeader(RATE_LIMIT, "\"" + budget.name() + "\";r=" + remaining + ";t="
                + (untilFullMicros == 0 ? 0 : Budget.seconds(untilFullMicros)));
    }
}
