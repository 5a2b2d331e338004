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

        Optional<QaJobResult> answer = checks[0].run(job("j1"), Duration.ofSeconds(5), false);

        assertThat(answer).map(QaJobResult::jobId).contains("j1");
        assertThat(sent).hasSize(3).extracting(QaJob::jobId).containsOnly("j1");
    }

    @Test
    void aJobNobodyAnswersEndsAtItsDeadlineAfterAFewCopies() {
        WorkerChecks checks = new WorkerChecks(sent::add, Duration.ofMillis(100));
        long start = System.nanoTime();

        Optional<QaJobResult> answer = checks.run(job("j2"), Duration.ofMillis(450), false);

        assertThat(answer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(440), Duration.ofSeconds(3));
        assertThat(sent).hasSizeBetween(4, 5);
        assertThat(checks.answer(passed(job("j2")))).as("a late answer finds nobody waiting").isFalse();
    }

    @Test
    void anAnswerThatCameBeforeItsJobAnswersItAndTheJobIsNotSent() {
        WorkerChecks checks = new WorkerChecks(sent::add, Duration.ofMillis(100));
        QaJob job = job(QaJob.idFor("s1", 1, "true", 5));
        // the worker ran the step's own check as its attempt completed, under the id both sides derive
        assertThat(checks.answer(passed(job))).as("nobody waits for it yet").isFalse();

        Optional<QaJobResult> answer = checks.run(job, Duration.ofSeconds(5), false);

        assertThat(answer).map(QaJobResult::eventId).contains("e-" + job.jobId());
        assertThat(sent).as("jobs sent").isEmpty();
        // used once: a second check of the same job asks the worker again
        assertThat(checks.run(job, Duration.ofMillis(150), false)).isEmpty();
        assertThat(sent).extracting(QaJob::jobId).contains(job.jobId());
    }

    @Test
    void aJobTheWorkerStartedIsNotSentAndItsUnaskedAnswerEndsTheWait() {
        WorkerChecks checks = new WorkerChecks(sent::add, Duration.ofSeconds(10));
        QaJob job = job(QaJob.idFor("s1", 1, "true", 5));
        Thread.ofVirtual().start(() -> {
            sleep(150);
            checks.answer(passed(job));
        });

        Optional<QaJobResult> answer = checks.run(job, Duration.ofSeconds(5), true);

        assertThat(answer).map(QaJobResult::eventId).contains("e-" + job.jobId());
        assertThat(sent).as("jobs sent").isEmpty();
    }

    @Test
    void aJobTheWorkerStartedIsSentWhenNoAnswerComesInAResendInterval() {
        WorkerChecks[] checks = new WorkerChecks[1];
        // the worker restarted after the completion and lost its check: it answers the job once it gets it
        checks[0] = new WorkerChecks(job -> {
            sent.add(job);
            checks[0].answer(passed(job));
        }, Duration.ofMillis(100));

        Optional<QaJobResult> answer = checks[0].run(job("j3"), Duration.ofSeconds(5), true);

        assertThat(answer).map(QaJobResult::jobId).contains("j3");
        assertThat(sent).extracting(QaJob::jobId).containsExactly("j3");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theDerivedJobIdNamesTheStepTheAttemptTheCommandAndTheTimeout() {
        String id = QaJob.idFor("s1", 1, "make test", 300);
        assertThat(QaJob.idFor("s1", 1, "make test", 300)).isEqualTo(id);
        assertThat(List.of(QaJob.idFor("s2", 1, "make test", 300), QaJob.idFor("s1", 2, "make test", 300),
                QaJob.idFor("s1", 1, "make lint", 300), QaJob.idFor("s1", 1, "make test", 60))).doesNotContain(id);
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
