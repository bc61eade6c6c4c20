package dev.keymint.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code last_used_at} without a write per token: uses are gathered in memory and flushed
 * in one batch every few seconds, so the column trails reality by at most that interval.
 */
@Component
public class LastUsedRecorder implements SchedulingConfigurer {

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
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
        pending.merge(clientId, when, (a, b) -> a.isAfter(b) ? a : b);
    }

    @PreDestroy
    public void flush() {
        List<Map.Entry<String, Instant>> batch = new ArrayList<>();
        for (String clientId : List.copyOf(pending.keySet())) {
            Instant when = pending.remove(clientId);
            if (when != null) {
                batch.add(Map.entry(clientId, when));
            }
        }
        for (Map.Entry<String, Instant> use : batch) {
            apiKeys.recordLastUse(use.getKey(), use.getValue());
        }
    }
}
