package dev.devgodzilla.worker.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepPickedUp;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.TokenUsage;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import io.quarkus.logging.Log;

/**
 * The events of one attempt, built and published in one place for every way of running: each text an
 * agent or a remote service wrote is masked with the attempt's secrets and bounded before it leaves,
 * and every terminal event is counted and logged with the attempt's outcome and duration.
 */
public final class AttemptReport {
    /** Longest failure reason or block question sent; the full text is in the log artifact. */
    static final int MAX_REASON = 1000;
    /** The final answer in an event; the whole answer is in the output log. */
    static final int MAX_FINAL_MESSAGE = 16_000;
    /** Changed files listed in an event; the manifest artifact lists all (a fresh npm install: tens of thousands). */
    static final int MAX_CHANGED_FILES = 500;

    private final SandboxJob job;
    private final SecretRedactor redactor;
    private final AttemptReporter reporter;
    private final long startNanos = System.nanoTime();
    private volatile TokenUsage usage;
    private volatile CompletableFuture<Void> announced = CompletableFuture.completedFuture(null);
    /** The send of the attempt's last output batch, which its terminal event must not overtake. */
    private volatile CompletionStage<Void> lastOutput = CompletableFuture.completedFuture(null);

    AttemptReport(SandboxJob job, SecretRedactor redactor, AttemptReporter reporter) {
        this.job = job;
        this.redactor = redactor;
        this.reporter = reporter;
    }

    public SandboxJob job() {
        return job;
    }

    /** The worker the attempt runs on. */
    public String workerId() {
        return reporter.workerId();
    }

    /** Milliseconds since the report began, which is when the attempt began on this worker. */
    public long elapsedMs() {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /**
     * The attempt runs: in {@code workspace} (or a remote source), isolated by {@code backend}. Sent in the
     * background, so the attempt prepares its workspace and sandbox while the broker acknowledges it; the agent
     * starts ({@link #awaitAnnounced}) and every later event of the attempt goes only once it has.
     */
    public void started(String workspace, String backend) {
        StepStarted event = new StepStarted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), reporter.workerId(), workspace, backend);
        announced = reporter.sendInBackground(event);
    }

    /**
     * Returns once the attempt's StepStarted is acknowledged (or given up at shutdown): nothing the run does
     * (its output, its end) may reach the bus before the start it follows.
     */
    public void awaitAnnounced() {
        announced.join();
    }

    /**
     * The attempt's output ended with the batch {@code lastBatch} sends: the terminal event goes once the bus has
     * it (waited for only then, so what the attempt does in between, such as capturing its workspace, overlaps).
     */
    void endsAfter(CompletionStage<Void> lastBatch) {
        lastOutput = lastBatch;
    }

    /** The attempt waits for someone else (an IDE) to pick up {@code commandFile}. */
    public void pending(String commandFile) {
        awaitAnnounced();
        reporter.send(new StepPending(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), reporter.workerId(), commandFile));
    }

    /** The IDE the attempt was handed to started on it. */
    public void pickedUp() {
        awaitAnnounced();
        reporter.send(new StepPickedUp(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), reporter.workerId()));
    }

    /**
     * Counts the tokens and cost the agent reported, whatever the attempt's outcome; a failure reports them too,
     * since they count towards the step's budget.
     */
    public void usage(TokenUsage usage) {
        this.usage = usage;
        reporter.metrics().usage(meteredAgent(), usage);
    }

    public void completed(AgentAnswer answer, AttemptEnd end) {
        StepCompleted completed = new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                job.stepId(), job.attempt(), job.agentId(), reporter.workerId(), 0, end.durationMs(),
                output(end), bounded(safe(answer.message())), answer.usage(), answer.sessionId(), end.workspaceText(),
                manifest(end), job.qaCommand(), null);
        // the step's own check starts before the completion is sent (the attempt's sandbox has closed), and the
        // completion names it: qa-service then waits for its answer and sends no job for it
        finish("completed", reporter.startCheck(completed));
    }

    /**
     * The agent asks something ({@code question}) before it can go on; {@code answer} is its whole last message,
     * {@code usage} and {@code sessionId} what its run reported (null where it reports none).
     */
    public void blocked(String question, String context, FeedbackAction action, AgentAnswer answer, AttemptEnd end) {
        finish("blocked", new StepBlocked(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), reporter.workerId(), clip(safe(question)), safe(context), action,
                end.durationMs(), output(end), end.workspaceText(), manifest(end), bounded(safe(answer.message())),
                answer.usage(), answer.sessionId()));
    }

    /** The attempt failed; {@code exitCode} is the agent's, when it exited. */
    public void failed(FailureCode code, String reason, Integer exitCode, AttemptEnd end) {
        finish(code.name().toLowerCase(Locale.ROOT), new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(),
                Instant.now(), job.stepId(), job.attempt(), job.agentId(), reporter.workerId(), code,
                clip(safe(reason)), exitCode, end.durationMs(), output(end), end.workspaceText(), manifest(end),
                usage));
    }

    /** A cancel command (or a newer attempt) stopped the attempt. */
    public void cancelled(String reason, AttemptEnd end) {
        failed(FailureCode.CANCELLED, reason, null, end);
    }

    private void finish(String outcome, StepEvent event) {
        awaitAnnounced();
        LogChunkBatcher.awaitSent(lastOutput);
        reporter.send(event);
        reporter.metrics().finished(meteredAgent(), outcome, Duration.ofNanos(System.nanoTime() - startNanos));
        Log.infof("step %s attempt %d: %s", job.stepId(), job.attempt(), outcome);
    }

    /** The agent tag is a catalogue id, so a message naming any string cannot grow the meters. */
    private String meteredAgent() {
        return AgentCatalog.contains(job.agentId()) ? job.agentId() : "unknown";
    }

    private String output(AttemptEnd end) {
        String output = safe(end.output());
        int max = reporter.outputTailChars();
        return output == null || output.length() <= max ? output : output.substring(output.length() - max);
    }

    private static ArtifactManifest manifest(AttemptEnd end) {
        return end.manifest() == null ? null : end.manifest().withChangedFilesAtMost(MAX_CHANGED_FILES);
    }

    private static String bounded(String message) {
        return message == null || message.length() <= MAX_FINAL_MESSAGE ? message
                : message.substring(0, MAX_FINAL_MESSAGE) + "… (" + (message.length() - MAX_FINAL_MESSAGE)
                + " more characters in output.log)";
    }

    private String safe(String text) {
        return text == null ? null : redactor.redact(text);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
