package dev.devgodzilla.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.qa.QaChecks;

/**
 * Reads {@code qa-jobs}. Every worker reads every job (its consumer group is its own) and runs those
 * addressed to it, since a step's workspace is on the worker that ran it. A job's id must be the one derived from
 * its content ({@link QaJob#idFor}): the worker answers an id once, so a job under another check's id would
 * otherwise stand in for that check.
 */
@ApplicationScoped
public class QaJobConsumer {
    private final QaChecks checks;
    private final String workerId;

    public QaJobConsumer(QaChecks checks, WorkerIdentity identity) {
        this.checks = checks;
        this.workerId = identity.workerId();
    }

    /** Throwing nacks the record, which sends it to the DLQ with the message as its reason. */
    @Incoming(Channels.QA_JOBS)
    public void consume(String payload) {
        QaJob job = Json.read(payload, QaJob.class);
        if (job.stepId() == null || job.stepId().isBlank() || job.jobId() == null || job.command() == null
                || job.command().isBlank() || job.workerId() == null) {
            throw new MalformedMessageException("a QA job needs a jobId, a stepId, a workerId and a command");
        }
        if (!job.hasDerivedId()) {
            // a job id names one check (and its answer): a job may not take the id of another
            throw new MalformedMessageException("QA job " + job.jobId() + " is not the id its step, attempt,"
                    + " command and timeout give (QaJob.idFor)");
        }
        if (workerId.equals(job.workerId())) {
            // a job read twice, or sent again, runs once: QaChecks answers a copy with the result it has
            checks.accept(job);
        }
    }
}
