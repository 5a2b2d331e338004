package dev.devgodzilla.qa.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.qa.gate.WorkerChecks;
import io.quarkus.logging.Log;

/**
 * Reads {@code qa-job-results}: every replica reads every answer (its consumer group is its own) and
 * hands those it waits for to the waiting check.
 */
@ApplicationScoped
public class QaJobResultConsumer {
    public static final String CHANNEL = Topics.QA_JOB_RESULTS;

    private final WorkerChecks checks;

    public QaJobResultConsumer(WorkerChecks checks) {
        this.checks = checks;
    }

    /** Throwing nacks the record, which sends it to the DLQ with the message as its reason. */
    @Incoming(CHANNEL)
    public void consume(String payload) {
        QaJobResult result = Json.read(payload, QaJobResult.class);
        if (result.jobId() == null || result.stepId() == null) {
            throw new MalformedMessageException("a QA job result needs a jobId and a stepId");
        }
        if (!checks.answer(result)) {
            Log.debugf("QA job %s of step %s is not waited for here", result.jobId(), result.stepId());
        }
    }
}
