package dev.devgodzilla.worker.way.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.attempt.AgentAnswer;
import dev.devgodzilla.worker.attempt.AttemptEnd;
import dev.devgodzilla.worker.attempt.AttemptReport;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.block.BlockDetector;
import dev.devgodzilla.worker.block.BlockInfo;
import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.process.ProcessOutcome;

/**
 * Judges how a CLI attempt ended, from the process's termination and exit code and what the agent's own
 * stream said: completed, blocked on a question, or failed with the code execution-service retries by.
 */
@ApplicationScoped
public class CliOutcomes {
    /** How much output is looked at for a block statement when the agent names no answer of its own. */
    static final int DETECTION_WINDOW = 64 * 1024;
    private static final Pattern RATE_LIMIT = Pattern.compile("rate.?limit|too many requests|\\b429\\b",
            Pattern.CASE_INSENSITIVE);

    private final BlockDetector blocks;

    public CliOutcomes(BlockDetector blocks) {
        this.blocks = blocks;
    }

    /** A setup command that did not succeed: the agent never ran. */
    void setupFailed(AttemptReport report, ProcessOutcome setup, String output, List<String> denials, Path dir,
                     ArtifactManifest manifest) {
        AttemptEnd end = new AttemptEnd(setup.duration().toMillis(), output, dir, manifest);
        String reason = setup.termination() == Termination.EXITED
                ? "the setup command exited with code " + setup.exitCode()
                : "the setup phase ended: " + setup.termination().name().toLowerCase(Locale.ROOT);
        // a setup that ran out of time is TIMED_OUT either way: the agent's idle limit does not apply to it
        FailureCode code = setup.termination() == Termination.IDLE_TIMEOUT ? FailureCode.TIMED_OUT
                : stopped(setup.termination());
        report.failed(code, reason + denied(denials), setup.exitCode(), end);
    }

    /** The agent ran: {@code tail} is the end of its output, {@code result} what its stream said. */
    void agentEnded(AttemptReport report, Engine engine, ProcessOutcome outcome, AgentResult result, String tail,
                    List<String> denials, Path dir, ArtifactManifest manifest) {
        SandboxJob job = report.job();
        AttemptEnd end = new AttemptEnd(outcome.duration().toMillis(), tail, dir, manifest);
        Optional<String> overBudget = budgetOf(job).overBy(result.usage(), outcome.duration().toMillis());
        if (outcome.termination() == Termination.BUDGET_EXCEEDED || overBudget.isPresent()) {
            // stopped on the way, or ended over it before the stop came: more would be spent on another attempt
            report.failed(FailureCode.BUDGET_EXCEEDED, "over budget: the agent " + overBudget.orElse("went over what"
                    + " was left of its budget") + denied(denials), outcome.exitCode(), end);
        } else if (outcome.termination() != Termination.EXITED) {
            report.failed(stopped(outcome.termination()), stopReason(job, outcome.termination(), report)
                    + denied(denials), null, end);
        } else if (outcome.exitCode() != 0) {
            String reason = engine.describeExit(outcome.exitCode())
                    + (result.errors().isEmpty() ? "" : ": " + result.errorSummary());
            report.failed(FailureCode.NON_ZERO_EXIT, reason + denied(denials), outcome.exitCode(), end);
        } else if (result.isError()) {
            // the agent's own stream says it failed although it exited 0 (a failed turn, a failed edit)
            String summary = result.errorSummary();
            FailureCode code = RATE_LIMIT.matcher(summary).find() ? FailureCode.RATE_LIMITED : FailureCode.NON_ZERO_EXIT;
            report.failed(code, "the agent reported an error (exit code 0): " + summary, 0, end);
        } else {
            Optional<BlockInfo> block = blocks.detect(answerOf(result, tail));
            AgentAnswer said = new AgentAnswer(result.finalMessage(), result.usage(), result.sessionId());
            if (block.isPresent()) {
                report.blocked(block.get().reason(), block.get().context(), blocks.classify(block.get()), said, end);
            } else {
                report.completed(said, end);
            }
        }
    }

    /** Whether the agent ended well and asks a question: its attempt ends BLOCKED, and an answer may follow. */
    boolean asksAQuestion(ProcessOutcome outcome, AgentResult result, String tail) {
        return outcome.termination() == Termination.EXITED && outcome.exitCode() == 0 && !result.isError()
                && blocks.detect(answerOf(result, tail)).isPresent();
    }

    /** An agent that names its answer is judged by it alone: its stream echoes prompts and tool output. */
    private static String answerOf(AgentResult result, String tail) {
        return result.finalMessage() != null ? result.finalMessage() : tail;
    }

    /** What is left of the step's budget for this attempt; {@link Budget#NONE} where none applies. */
    static Budget budgetOf(SandboxJob job) {
        return job.budget() == null ? Budget.NONE : job.budget();
    }

    /** The refused hosts, for a failure's reason: a run that stalled or failed on one says so. */
    private static String denied(List<String> denials) {
        return denials.isEmpty() ? "" : "; egress denied: " + String.join(", ", denials);
    }

    private static FailureCode stopped(Termination termination) {
        return switch (termination) {
            case TIMED_OUT -> FailureCode.TIMED_OUT;
            case IDLE_TIMEOUT -> FailureCode.IDLE_TIMEOUT;
            case CANCELLED -> FailureCode.CANCELLED;
            case SHUTDOWN -> FailureCode.WORKER_LOST;
            case OUTPUT_LIMIT -> FailureCode.OUTPUT_LIMIT;
            case BUDGET_EXCEEDED -> FailureCode.BUDGET_EXCEEDED;
            case EXITED -> FailureCode.NON_ZERO_EXIT;
        };
    }

    private static String stopReason(SandboxJob job, Termination termination, AttemptReport report) {
        return switch (termination) {
            case TIMED_OUT -> "no result within " + job.timeoutSeconds() + " s";
            case IDLE_TIMEOUT -> "no output for " + job.idleTimeoutSeconds() + " s";
            case CANCELLED -> "cancelled by a step command";
            case OUTPUT_LIMIT -> "the agent printed more than the sandbox allows";
            case BUDGET_EXCEEDED -> "the agent went over what was left of its budget";
            case SHUTDOWN -> "worker " + report.workerId() + " shut down during the attempt";
            case EXITED -> "the agent exited";
        };
    }
}
