package dev.devgodzilla.worker.qa;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.worker.attempt.AttemptSpans;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;

/**
 * Runs accepted QA jobs off the polling thread, {@code dg.worker.qa.concurrency} at a time, and publishes
 * each result. Checks do not take the attempts' slots: a step's QA never waits behind the next steps.
 */
@ApplicationScoped
public class QaChecks {
    private final QaCheck check;
    private final QaResultSink results;
    private final ExecutorService pool;
    private final AttemptSpans spans;

    public QaChecks(QaCheck check, QaResultSink results, AttemptSpans spans, WorkerConfig config) {
        this.check = check;
        this.spans = spans;
        this.results = results;
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(1, config.qa().concurrency());
        // each check runs in the context of its job: its result goes on in the step's trace
        this.pool = Context.taskWrapping(new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dg-qa-check-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }));
    }

    public void accept(QaJob job) {
        pool.execute(() -> {
            try {
                results.publish(spans.phase("qa check", () -> check.run(job)));
            } catch (RuntimeException e) {
                // qa-service turns a check that never answers into an ERROR verdict at its deadline
                Log.errorf(e, "the check of step %s attempt %d failed", job.stepId(), job.attempt());
            }
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
