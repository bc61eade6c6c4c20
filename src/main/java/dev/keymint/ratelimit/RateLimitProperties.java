package dev.keymint.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits (docs/security.md, "Rate limits"). Each limit is a number of requests in a period,
 * refilled continuously: {@code 20} in {@code 10s} allows a burst of 20, then one every 0.5 s.
 *
 * @param enabled whether keymint limits request rates at all; off, no limiter is even installed
 * @param token the per-source limits of the client-authentication endpoints
 * @param admin the per-caller limits of the administration API
 * @param secretReports the per-source limit of the secret-scanning partner endpoint
 * @param maxTrackedKeys how many sources, and separately how many callers, each instance keeps
 *        budgets for; beyond, the least used are forgotten (bounded memory under a flood of
 *        forged sources)
 */
@Validated
@ConfigurationProperties("keymint.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @Valid @DefaultValue Token token,
        @NotNull @Valid @DefaultValue Admin admin,
        @NotNull @Valid @DefaultValue SecretReports secretReports,
        @Min(100) @Max(10_000_000) @DefaultValue("10000") int maxTrackedKeys) {

    /**
     * Per source address (as resolved by {@code server.forward-headers-strategy}), on the
     * endpoints where clients authenticate with their secret.
     *
     * @param requests requests of any outcome one source may send per {@code requests-period}
     * @param requestsPeriod the period of {@code requests}
     * @param failures failed client authentications (401) one source may cause per
     *        {@code failures-period}; once spent, every request of the source waits, since a
     *        request's outcome is known only after it was authenticated
     * @param failuresPeriod the period of {@code failures}
     * @param paths the endpoints limited with 429
     * @param unauthorizedPaths endpoints limited the same way (same budgets) but answered with a
     *        plain 401 {@code invalid_client} and {@code Retry-After} instead of 429, for clients
     *        that retry a 429 without end (Zscaler's legacy ZPA client retries a sign-in up to 100
     *        times)
     */
    public record Token(
            @Min(1) @DefaultValue("1000") int requests,
            @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("10s") Duration requestsPeriod,
            @Min(1) @DefaultValue("20") int failures,
            @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("1m") Duration failuresPeriod,
            @NotNull @DefaultValue({"/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"}) List<String> paths,
            @NotNull @DefaultValue("/signin") List<String> unauthorizedPaths) {
    }

    /**
     * Per caller (the API key or outside subject of the bearer token) on {@code /api/v1/**}; the
     * defaults are what Zscaler's SDKs throttle themselves to.
     *
     * @param reads GET and HEAD requests one caller may send per {@code reads-period}
     * @param readsPeriod the period of {@code reads}
     * @param writes other requests one caller may send per {@code writes-period}
     * @param writesPeriod the period of {@code writes}
     */
    public record Admin(
            @Min(1) @DefaultValue("20") int reads,
            @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("10s") Duration readsPeriod,
            @Min(1) @DefaultValue("10") int writes,
            @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("10s") Duration writesPeriod) {
    }

    /**
     * Per source address on the unauthenticated secret-scanning endpoint.
     *
     * @param requests reports (requests, each of up to many secrets) one source may send per
     *        {@code requests-period}
     * @param requestsPeriod the period of {@code requests}
     */
    public record SecretReports(
            @Min(1) @DefaultValue("60") int requests,
            @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("1m") Duration requestsPeriod) {
    }
}
