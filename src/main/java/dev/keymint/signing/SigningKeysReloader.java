package dev.keymint.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Polls the keys folder every {@code keymint.signing.reload-interval}, so that a rotated key
 * reaches every instance without a restart. Polling rather than a file watch: watches do not
 * fire for changes made by another host on a shared (network) volume.
 */
@Component
class SigningKeysReloader implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SigningKeysReloader.class);

    private final SigningKeys keys;
    private final SigningProperties properties;

    SigningKeysReloader(SigningKeys keys, SigningProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::reload, properties.reloadInterval(),
                properties.reloadInterval()));
    }

    // A broken folder (a half-copied or foreign file) must not take signing down: the keys read
    // before keep working, and the error repeats in the log until someone fixes the folder.
    private void reload() {
        try {
            keys.reload();
        } catch (RuntimeException e) {
            log.error("Cannot reload the signing keys from {}; still using the keys read before: {}",
                    keys.directory(), e.getMessage());
        }
    }
}
