/**
 * Rate limits: per source on the client-authentication endpoints (every request, and failures far
 * more tightly) and on the secret-scanning reports, per caller on the administration API (reads
 * and writes), answered with 429, {@code Retry-After} and the IETF {@code RateLimit} fields. A
 * load and abuse control kept in each instance's memory; the lockout is the security control
 * (docs/security.md, "Rate limits").
 */
@NullMarked
package dev.keymint.ratelimit;

import org.jspecify.annotations.NullMarked;
