package dev.keymint.lockout;

import java.time.Clock;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * With {@code scope=key-and-source}, deletes once per lock duration the source rows that no longer
 * hold anything (no lock, no trust, no failure in an open window), so that the table holds the
 * sources of current attacks and the trusted ones, not every address that ever failed. Every
 * instance may run it; deleting twice is harmless.
 */
@Component
class SourceLockoutPurge implements SchedulingConfigurer {

    private final SourceLockoutRepository rows;
    private final LockoutProperties properties;
    private final Clock clock;

    SourceLockoutPurge(SourceLockoutRepository rows, LockoutProperties properties, Clock clock) {
        this.rows = rows;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.scope() == LockoutProperties.LockoutScope.KEY_AND_SOURCE) {
            tasks.addFixedDelayTask(new FixedDelayTask(() -> rows.purge(clock.instant()), properties.duration(),
                    properties.duration()));
        }
    }
}
