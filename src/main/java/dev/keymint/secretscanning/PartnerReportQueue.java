package dev.keymint.secretscanning;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.keymint.apikey.SecretReports;
import dev.keymint.common.ConflictException;

/**
 * Acts on partners' reports one after the other, on a thread of its own, after their request was
 * answered: the answer then takes the same time whether or not a secret matched, and a burst of
 * reports never holds request threads or database connections. The queue is bounded; a report
 * that finds it full is dropped and logged, and the partner's next scan reports the secret again.
 * A report that loses a race with an administrator's edit of the same key is tried again.
 */
@Component
class PartnerReportQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PartnerReportQueue.class);
    private static final int ATTEMPTS = 3;

    private final SecretReports reports;
    private final ThreadPoolExecutor worker;

    PartnerReportQueue(SecretReports reports, SecretScanningProperties properties) {
        this.reports = reports;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.maxQueuedReports()),
                Thread.ofPlatform().name("secret-reports").daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    void submit(PartnerReport report) {
        try {
            worker.execute(() -> process(report));
        } catch (RejectedExecutionException e) {
            log.warn("Dropped a secret-scanning report ({}): {} reports are waiting already", report,
                    worker.getQueue().size());
        }
    }

    private void process(PartnerReport report) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (reports.reportFromPartner(report.token(), report.type(), report.url(), report.source())) {
                    log.info("Acted on a secret-scanning report ({}); see the audit log", report);
                }
                return;
            } catch (ConflictException e) {
                log.debug("A secret-scanning report raced with another change of its key; attempt {}", attempt);
            } catch (RuntimeException e) {
                log.warn("Could not act on a secret-scanning report ({}): {}", report, e.toString());
                return;
            }
        }
        log.warn("Could not act on a secret-scanning report ({}): its key kept changing", report);
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
