package dev.keymint.signing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the keys folder every {@code keymint.signing.reload-interval}, so that a rotated key
 * reaches every instance without a restart. Polling rather than a file watch: watches do not
 * fire for changes made by another host on a shared (network) volume.
 *
 * <p>The poll runs on a thread of its own rather than on the application's scheduler, whose
 * fixed-delay tasks share one thread: a database task waiting on a lock or an outage there must
 * not hold back the rotation bound every instance promises (docs/operations.md).
 */
@Component
class SigningKeysReloader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SigningKeysReloader.class);

    private final SigningKeys keys;
    private final SigningProperties properties;
    private ScheduledExecutorService poller;

    SigningKeysReloader(SigningKeys keys, SigningProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "signing-keys-reload");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.reloadInterval().toMillis();
        poller.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        poller.shutdownNow();
        poller = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    // A broken folder (a half-copied or foreign file) must not take signing down: the keys read
    // before keep working, and the error repeats in the log until someone fixes the folder. An
    // exception escaping here would silently end the polling.
    private void reload() {
        try {
            keys.reload();
        } catch (RuntimeException e) {
            log.error("Cannot reload the signing keys from {}; still using the keys read before: {}",
                    keys.directory(), e.getMessage());
        }
    }
}
