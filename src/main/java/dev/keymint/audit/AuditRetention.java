package dev.keymint.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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

    private final AuditLog auditLog;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditRetention(AuditLog auditLog, AuditProperties properties, Clock clock) {
        this.auditLog = auditLog;
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
        Instant cutoff = clock.instant().minus(Duration.ofDays(properties.retentionDays()));
        int total = 0;
        int deleted;
        do {
            deleted = auditLog.deleteOccurredBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
