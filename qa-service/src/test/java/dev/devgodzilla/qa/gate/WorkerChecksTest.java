package dev.devgodzilla.qa.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.QaVerdict;

class WorkerChecksTest {
    private final List<QaJob> sent = new CopyOnWriteArrayList<>();

    @Test
    void anUnansweredJobIsSentAgainUntilAWorkerAnswersIt() {
        WorkerChecks[] checks = new WorkerChecks[1];
        // the worker "comes back" and answers only the third copy, as a restarted worker would
        checks[0] = new WorkerChecks(job -> {
            sent.add(job);
            if (sent.size() == 3) {
                checks[0].answer(passed(job));
            }
        }, Duration.ofMillis(50));

        Optional<QaJobResult> answer = checks[0].run(job("j1"), Duration.ofSeconds(5));

        assertThat(answer).map(QaJobResult::jobId).contains("j1");
        assertThat(sent).hasSize(3).extracting(QaJob::jobId).containsOnly("j1");
    }

    @Test
    void aJobNobodyAnswersEndsAtItsDeadlineAfterAFewCopies() {
        WorkerChecks checks = new WorkerChecks(sent::add, Duration.ofMillis(100));
        long start = System.nanoTime();

        Optional<QaJobResult> answer = checks.run(job("j2"), Duration.ofMillis(450));

        assertThat(answer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(440), Duration.ofSeconds(3));
        assertThat(sent).hasSizeBetween(4, 5);
        assertThat(checks.answer(passed(job("j2")))).as("a late answer finds nobody waiting").isFalse();
    }

    private static QaJob job(String id) {
        return new QaJob(QaJob.SCHEMA_VERSION, id, Instant.now(), "s1", 1, "dummy", "w1", "ws", "true", 5);
    }

    private static QaJobResult passed(QaJob job) {
        return new QaJobResult(QaJobResult.SCHEMA_VERSION, "e-" + job.jobId(), Instant.now(), job.jobId(),
                job.stepId(), job.attempt(), job.workerId(), new QaGateResult("check-command", QaVerdict.PASSED, 0, 1,
                        "ok"), null);
    }
}
