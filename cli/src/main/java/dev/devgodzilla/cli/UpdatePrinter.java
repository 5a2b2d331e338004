package dev.devgodzilla.cli;

import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepPickedUp;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.TokenUsage;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Prints step updates as one readable line each, timed from the moment the step was submitted. */
final class UpdatePrinter {
    private final PrintStream out;
    private final Instant submittedAt;

    UpdatePrinter(PrintStream out, Instant submittedAt) {
        this.out = out;
        this.submittedAt = submittedAt;
    }

    void print(StepFollower.Update update) {
        String line = switch (update) {
            case StepFollower.EventUpdate e -> switch (e.event()) {
                case StepStarted s -> "STARTED    attempt " + s.attempt() + " on " + s.source()
                        + " in " + s.workspace() + " (sandbox " + s.sandboxBackend() + ")";
                case StepCompleted c -> "COMPLETED  exit " + c.exitCode() + " in " + c.durationMs() + " ms; "
                        + summary(c.artifacts()) + usage(c.usage())
                        + (c.finalMessage() == null ? indent(c.output()) : "\n             answer: " + c.finalMessage());
                case StepFailed f -> "FAILED     " + f.code() + ": " + f.reason() + indent(f.output());
                case StepBlocked b -> "BLOCKED    " + b.reason() + " (suggested: " + b.suggestedAction() + ")";
                case StepPending p -> "PENDING    command file " + p.commandFile();
                case StepPickedUp p -> "PICKED_UP  the IDE started on it";
            };
            case StepFollower.QaUpdate q -> "QA " + q.result().verdict() + "  " + q.result().summary()
                    + q.result().gates().stream().map(UpdatePrinter::gate).reduce("", String::concat);
            case StepFollower.LogUpdate l -> "  | " + l.chunk().text().stripTrailing().replace("\n", "\n  | ");
        };
        out.printf("[+%6.2fs] %s%n", Duration.between(submittedAt, Instant.now()).toMillis() / 1000.0, line);
    }

    private static String summary(ArtifactManifest manifest) {
        if (manifest == null) {
            return "no artifacts";
        }
        return manifest.changedFiles().size() + " file(s) changed, " + manifest.artifacts().size()
                + " artifact(s) in " + manifest.directory();
    }

    private static String usage(TokenUsage usage) {
        if (usage == null || usage.inputTokens() + usage.outputTokens() == 0) {
            return "";
        }
        return "; tokens in " + usage.inputTokens() + " / out " + usage.outputTokens()
                + (usage.costUsd() == null ? "" : String.format("; cost $%.4f", usage.costUsd()));
    }

    private static String gate(QaGateResult gate) {
        return "\n             gate " + gate.gate() + ": " + gate.verdict()
                + (gate.exitCode() == null ? "" : " (exit " + gate.exitCode() + ")");
    }

    private static String indent(String output) {
        if (output == null || output.isBlank()) {
            return "";
        }
        return "\n             output: " + output.strip().replace("\n", "\n                     ");
    }
}
