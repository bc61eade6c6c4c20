package dev.keymint.audit;

import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes audit events older than the retention period. In bounded batches, so that a first purge
 * of a large backlog never holds long locks; every instance may run it, deleting twice is harmless.
 */
@Component
public class AuditRetention implements SchedulingConfigurer {

    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditRetention(JdbcClient jdbc, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        // not at start: every instance of a rolling restart would purge at once
        tasks.addFixedDelayTask(new FixedDelayTask(this::purge, properties.purgeInterval(), properties.purgeInterval()));
    }

    /** Returns how many events were deleted. */
    public int purge() {
        long cutoff = clock.instant().minus(Duration.ofDays(properties.retentionDays())).toEpochMilli();
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("DELETE FROM audit_event WHERE occurred_at < ? LIMIT " + BATCH).param(cutoff).update();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
