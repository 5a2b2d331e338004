package dev.devgodzilla.worker.attempt;

import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.config.WorkerConfig;

/** Opens the {@link AttemptOutput} of an attempt: its log artifact and its live {@code step-logs} batches. */
@ApplicationScoped
public class AttemptOutputs {
    private final ArtifactWriter artifacts;
    private final StepLogSink logs;
    private final WorkerConfig config;

    public AttemptOutputs(ArtifactWriter artifacts, StepLogSink logs, WorkerConfig config) {
        this.artifacts = artifacts;
        this.logs = logs;
        this.config = config;
    }

    /**
     * A new output of the attempt {@code report} reports, keeping the last {@code tailCapacity} characters in
     * memory; the report's terminal event follows the output's last batch on the bus.
     */
    public AttemptOutput open(AttemptReport report, SecretRedactor redactor, int tailCapacity) {
        SandboxJob job = report.job();
        return new AttemptOutput(redactor, artifacts.openLog(job.stepId(), job.attempt()),
                new LogChunkBatcher(job.stepId(), job.attempt(), config.logBatchWindow(), logs::publish),
                tailCapacity, report::endsAfter);
    }

    /** Says a few lines of the worker's own on {@code step-logs} only, e.g. where a step was handed over. */
    public void announce(SandboxJob job, String... lines) {
        try (LogChunkBatcher batcher = new LogChunkBatcher(job.stepId(), job.attempt(), config.logBatchWindow(),
                logs::publish)) {
            for (String line : lines) {
                batcher.add(LogStream.STDOUT, line);
            }
        }
    }
}
