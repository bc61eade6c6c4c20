package dev.keymint.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * What a successful authentication leaves to write, without a write per token: gathered in memory
 * and flushed in one batch every few seconds. That is {@code last_used_at}, which so trails
 * reality by at most that interval, and, for a key whose secret predates the lookup digest, that
 * digest: only at a successful authentication is the secret known, and each key is written once,
 * after which it has its digest.
 */
@Component
public class LastUsedRecorder implements SchedulingConfigurer {

    private record SecretLookup(String secretHash, String lookup) {
    }

    private final Map<String, Instant> uses = new ConcurrentHashMap<>();
    private final Map<String, SecretLookup> lookups = new ConcurrentHashMap<>();
    private final ApiKeyRepository apiKeys;
    private final Duration flushInterval;

    public LastUsedRecorder(ApiKeyRepository apiKeys, ApiKeyProperties properties) {
        this.apiKeys = apiKeys;
        this.flushInterval = properties.lastUsedFlushInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::flush, flushInterval);
    }

    public void record(String clientId, Instant when) {
        uses.merge(clientId, when, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * After {@code secret} was proved for {@code key} as the secret of {@code secretId}: remembers its
     * lookup digest when the key has none and the secret is its current, generated one. The
     * cheapest test comes first, since this runs on every token request.
     */
    public void recordProvedSecret(ApiKey key, String secret, String secretId) {
        if (key.secretLookup() == null && ClientSecrets.looksGenerated(secret) && key.isCurrentSecretId(secretId)) {
            String lookup = ClientSecrets.lookupDigest(secret);
            if (lookup != null) {
                lookups.putIfAbsent(key.clientId(), new SecretLookup(key.secretHash(), lookup));
            }
        }
    }

    @PreDestroy
    public void flush() {
        for (String clientId : List.copyOf(uses.keySet())) {
            Instant when = uses.remove(clientId);
            if (when != null) {
                apiKeys.recordLastUse(clientId, when);
            }
        }
        for (String clientId : List.copyOf(lookups.keySet())) {
            SecretLookup digest = lookups.remove(clientId);
            if (digest != null) {
                apiKeys.recordSecretLookup(clientId, digest.secretHash(), digest.lookup());
            }
        }
    }
}
