package dev.devgodzilla.worker.qa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.worker.attempt.AttemptSpans;
import dev.devgodzilla.worker.attempt.CheckOnCompletion;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;

/**
 * Runs accepted QA jobs off the polling thread, {@code dg.worker.qa.concurrency} at a time, and publishes
 * each result. Checks do not take the attempts' slots: a step's QA never waits behind the next steps.
 *
 * <p>A job id runs once here (the last {@value #KEPT} are remembered); a copy of a job that has been answered is
 * answered again with the same result, since qa-service sends a job again only while it has no answer. A step's own
 * check command starts as soon as its attempt has completed here ({@link #start}), under the id qa-service derives
 * for the same check; the completion names that id, so qa-service waits for the answer instead of sending the job
 * (and sends it only if no answer comes in a while, as it would after this worker restarted).
 */
@ApplicationScoped
public class QaChecks implements CheckOnCompletion {
    static final int KEPT = 10_000;

    private final QaCheck check;
    private final QaResultSink results;
    private final ExecutorService pool;
    private final AttemptSpans spans;
    private final WorkerConfig.QaSettings settings;
    /** Each job id taken: empty while its check runs, then its result. */
    private final Map<String, Optional<QaJobResult>> runs = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<QaJobResult>> eldest) {
                    return size() > KEPT;
                }
            });

    public QaChecks(QaCheck check, QaResultSink results, AttemptSpans spans, WorkerConfig config) {
        this.check = check;
        this.spans = spans;
        this.results = results;
        this.settings = config.qa();
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(1, settings.concurrency());
        // each check runs in the context of its job: its result goes on in the step's trace
        this.pool = Context.taskWrapping(new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dg-qa-check-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** Runs {@code job} unless its id has run here already, whose result then goes out again. */
    public void accept(QaJob job) {
        Optional<QaJobResult> known = runs.putIfAbsent(job.jobId(), Optional.empty());
        if (known == null) {
            pool.execute(() -> run(job));
        } else if (known.isPresent()) {
            results.publish(known.get());
        }
        // else it runs now, and its result goes out when it ends
    }

    private void run(QaJob job) {
        try {
            QaJobResult result = spans.phase("qa check", () -> check.run(job));
            runs.put(job.jobId(), Optional.of(result));
            results.publish(result);
        } catch (RuntimeException e) {
            // qa-service turns a check that never answers into an ERROR verdict at its deadline
            Log.errorf(e, "the check of step %s attempt %d failed", job.stepId(), job.attempt());
        }
    }

    /**
     * A step's own check command, run as soon as its attempt completed here: the attempt's sandbox has closed by
     * then (all that ran in it is gone), and the check gets a sandbox of its own, as a job's does.
     */
    @Override
    public String start(StepCompleted completed) {
        if (!settings.checkOnCompletion() || completed.qaCommand() == null || completed.qaCommand().isBlank()) {
            return null;
        }
        QaJob job = QaJob.checkOf(completed, completed.qaCommand(), settings.timeout().toSeconds());
        accept(job);
        return job.jobId();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
