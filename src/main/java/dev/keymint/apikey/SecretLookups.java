package dev.keymint.apikey;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gives a key whose secret predates the lookup digest its digest, at the first successful
 * authentication since: only then is the secret known. Like the last use, the digest is gathered
 * in memory and written in the background, so the token request itself sends no statement; each
 * key is written once, after which it has its digest.
 */
@Component
public class SecretLookups implements SchedulingConfigurer {

    private record Pending(String secretHash, String lookup) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ApiKeyRepository apiKeys;
    private final Duration flushInterval;

    public SecretLookups(ApiKeyRepository apiKeys, ApiKeyProperties properties) {
        this.apiKeys = apiKeys;
        this.flushInterval = properties.lastUsedFlushInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::flush, flushInterval);
    }

    /**
     * After {@code secret} was proved for {@code key} as the secret of {@code secretId}: remembers its
     * digest when the key has none and the secret is its current, generated one. The cheapest test
     * comes first, since this runs on every token request.
     */
    public void proved(ApiKey key, String secret, String secretId) {
        if (key.secretLookup() == null && ClientSecrets.looksGenerated(secret) && key.isCurrentSecretId(secretId)) {
            String lookup = ClientSecrets.lookupDigest(secret);
            if (lookup != null) {
                pending.putIfAbsent(key.clientId(), new Pending(key.secretHash(), lookup));
            }
        }
    }

    @PreDestroy
    public void flush() {
        for (String clientId : List.copyOf(pending.keySet())) {
            Pending digest = pending.remove(clientId);
            if (digest != null) {
                apiKeys.recordSecretLookup(clientId, digest.secretHash(), digest.lookup());
            }
        }
    }
}
