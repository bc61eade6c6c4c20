package dev.keymint.lockout;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxAttempts consecutive wrong secrets that lock a key ({@code scope=key}) or a source of
 *        it ({@code scope=key-and-source})
 * @param duration how long a lock lasts, counted from the failure that set it; with
 *        {@code scope=key-and-source} also the failure window (docs/security.md)
 * @param scope what failures count against: {@code key} (the key as a whole, for every caller) or
 *        {@code key-and-source} (the key from one client address or network prefix; see
 *        docs/security.md, "Source-aware lockout")
 * @param maxSources with {@code scope=key-and-source}: distinct sources whose wrong secrets within
 *        one failure window lock the key for every source that is not trusted
 * @param trustedSourceTtl with {@code scope=key-and-source}: how long a source that proved the
 *        right secret stays trusted, that is, keeps getting tokens while the key is locked for
 *        the other sources
 * @param sourcePrefixIpv4 with {@code scope=key-and-source}: the prefix length that makes an IPv4
 *        client address a source (32: each address on its own)
 * @param sourcePrefixIpv6 the same for IPv6 (64: a subnet, the smallest block a site usually gets)
 */
@Validated
@ConfigurationProperties("keymint.lockout")
public record LockoutProperties(
        @Min(1) @Max(1000) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("30m") Duration duration,
        @NotNull @DefaultValue("key") LockoutScope scope,
        @Min(1) @Max(1000) @DefaultValue("10") int maxSources,
        @NotNull @DefaultValue("7d") Duration trustedSourceTtl,
        @Min(1) @Max(32) @DefaultValue("32") int sourcePrefixIpv4,
        @Min(1) @Max(128) @DefaultValue("64") int sourcePrefixIpv6) {

    /** What failed secrets count against. */
    public enum LockoutScope {
        /** The key, whoever sends the secret: the 3-strikes lock as the product specifies it. */
        KEY,
        /** The key from one source; the key as a whole only after {@code max-sources} sources failed. */
        KEY_AND_SOURCE
    }
}
