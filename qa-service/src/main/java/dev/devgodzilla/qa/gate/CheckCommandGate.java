package dev.devgodzilla.qa.gate;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.qa.config.QaConfig;

/**
 * The step's check command (its own, else {@code dg.qa.default-check-command}), run as a QA job by the
 * worker that ran the attempt: that worker holds the workspace, and runs the command in a sandbox with no
 * network and no credentials. A worker runs a step's own command as soon as the attempt has completed, under the
 * same job id ({@link QaJob#idFor}), and its completion names that job ({@link StepCompleted#qaCheckJobId()}):
 * then no job is sent, and the answer the worker sends unasked is awaited. This service only
 * decides what to check and records what the worker found; nothing of a message or a workspace ever runs here.
 * Exit 0 passes.
 */
@ApplicationScoped
public class CheckCommandGate implements QaGate {
    public static final String NAME = "check-command";

    private final QaConfig config;
    private final WorkerChecks workers;

    public CheckCommandGate(QaConfig config, WorkerChecks workers) {
        this.config = config;
        this.workers = workers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QaGateResult run(StepCompleted step) {
        String command = step.qaCommand() != null && !step.qaCommand().isBlank()
                ? step.qaCommand() : config.defaultCheckCommand().filter(c -> !c.isBlank()).orElse(null);
        if (command == null) {
            return new QaGateResult(NAME, QaVerdict.SKIPPED, null, 0, "no check command configured");
        }
        if (step.source() == null || step.source().isBlank()) {
            return new QaGateResult(NAME, QaVerdict.ERROR, null, 0,
                    "the completed event names no worker, so nobody holds the workspace to check");
        }
        QaJob job = QaJob.checkOf(step, command, config.timeout().toSeconds());
        long start = System.nanoTime();
        Duration patience = config.timeout().plus(config.answerGrace());
        Optional<QaJobResult> answer = workers.run(job, patience, job.jobId().equals(step.qaCheckJobId()));
        if (answer.isEmpty() || answer.get().check() == null) {
            return new QaGateResult(NAME, QaVerdict.ERROR, null, (System.nanoTime() - start) / 1_000_000,
                    "worker " + step.source() + " did not report the check within " + patience.toSeconds()
                            + "s (it may have stopped, and its workspace with it): " + command);
        }
        QaJobResult result = answer.get();
        QaGateResult check = result.check();
        String detail = result.output() == null ? check.detail()
                : check.detail() + "\n(output: " + result.output().path() + " on " + result.workerId() + ")";
        return new QaGateResult(NAME, check.verdict(), check.exitCode(), check.durationMs(), detail);
    }
}
