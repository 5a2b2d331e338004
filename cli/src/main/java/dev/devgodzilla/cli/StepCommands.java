package dev.devgodzilla.cli;

import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code dg step ...}: submit a step, show one, follow one, cancel one. */
@Command(name = "step", description = "Submit, show, follow and cancel steps.",
        subcommands = {StepCommands.Submit.class, StepCommands.Get.class, StepCommands.Follow.class,
                StepCommands.Cancel.class, StepCommands.Answer.class, StepCommands.Complete.class,
                StepCommands.RemoveWorkspace.class})
final class StepCommands {

    @Command(name = "submit", description = "Publish a StepRequest on step-requests and follow it.")
    static final class Submit implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--agent", defaultValue = "dummy", description = "Agent id (default ${DEFAULT-VALUE}).")
        String agent;

        @Option(names = "--id", description = "Step id (default: a new one).")
        String stepId;

        @Option(names = "--workspace", description = "Workspace directory on the worker; it must lie inside the "
                + "worker's workspace roots (DG_WORKER_WORKSPACE_ROOTS, .dg/projects for ./dg up).")
        String workspace;

        @Option(names = "--qa", description = "QA check command run in the workspace.")
        String qaCommand;

        @Option(names = "--timeout", defaultValue = "600", description = "Seconds to follow the step.")
        int timeoutSeconds;

        @Parameters(arity = "1", description = "The task.")
        String task;

        @Override
        public Integer call() {
            StepRequest request = StepRequest.of(stepId != null ? stepId : "step-" + UUID.randomUUID(), agent, task)
                    .withWorkspace(workspace).withQaCommand(qaCommand);
            var violations = StepRequestValidator.validate(request);
            if (!violations.isEmpty()) {
                throw new CliException("invalid step: " + violations);
            }
            String state = new StepRun(endpoints, System.out)
                    .submitAndFollow(request, true, Duration.ofSeconds(timeoutSeconds));
            return state.equals("QA_PASSED") || state.equals("COMPLETED") ? 0 : 1;
        }
    }

    @Command(name = "get", description = "Show a step's state and timeline.")
    static final class Get implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The step id.")
        String stepId;

        @Override
        public Integer call() {
            new StepRun(endpoints, System.out).printState(stepId);
            return 0;
        }
    }

    @Command(name = "follow", description = "Print a step's output and states as they come, until it ends; the exit"
            + " code is 0 only for a step that succeeded (QA passed, or completed with no QA).")
    static final class Follow implements Callable<Integer> {
        /** How long a completed step may wait for its QA verdict. */
        static final Duration QA_WAIT = Duration.ofSeconds(60);

        @Mixin
        Endpoints endpoints;

        @Option(names = "--timeout", defaultValue = "3600", description = "Seconds to follow (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Parameters(arity = "1", description = "The step id.")
        String stepId;

        @Override
        public Integer call() {
            String ended = new StepLogStream(endpoints, System.out).follow(stepId, Duration.ofSeconds(timeoutSeconds));
            if (ended == null) {
                System.out.printf("step %s did not end within %d s; it goes on: `./dg step get %s`%n", stepId,
                        timeoutSeconds, stepId);
                return 3;
            }
            StepRun run = new StepRun(endpoints, System.out);
            if (ended.equals("COMPLETED")) {
                // QA follows a completion; its verdict decides
                run.awaitState(stepId, s -> s.startsWith("QA_"), QA_WAIT);
            }
            String state = run.printState(stepId);
            return state.equals("QA_PASSED") || state.equals("COMPLETED") ? 0 : 1;
        }
    }

    @Command(name = "answer", description = "Answer a blocked step's question: it runs again with the answer, "
            + "resuming its agent's session where the agent can.")
    static final class Answer implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--clarification", description = "Which open question (default: the step's latest).")
        String clarificationId;

        @Option(names = "--by", defaultValue = "${env:USER:-cli}", description = "Who answers (default ${DEFAULT-VALUE}).")
        String answeredBy;

        @Parameters(index = "0", description = "The step id.")
        String stepId;

        @Parameters(index = "1", description = "The answer.")
        String answer;

        @Override
        public Integer call() {
            var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("answer", answer).put("answeredBy", answeredBy);
            if (clarificationId != null) {
                body.put("clarificationId", clarificationId);
            }
            var answered = endpoints.http().post(endpoints.executionUrl + "/steps/" + stepId + "/answer",
                    body.toString());
            System.out.printf("answered \"%s\" on step %s; it runs again: `./dg step follow %s`%n",
                    answered.path("question").asText(""), stepId, stepId);
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel a step: its running attempt is stopped and it ends CANCELLED.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The step id.")
        String stepId;

        @Override
        public Integer call() {
            endpoints.http().post(endpoints.executionUrl + "/steps/" + stepId + "/cancel", null);
            System.out.printf("cancel of step %s accepted%n", stepId);
            return 0;
        }
    }

    @Command(name = "complete", description = "Complete a step pending in an IDE: done, blocked or failed. "
            + "execution-service routes it to the worker holding the hand-off, or records it.")
    static final class Complete implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--summary", description = "What was done.")
        String summary;

        @Option(names = "--question", description = "The question, when blocked.")
        String question;

        @Parameters(index = "0", description = "The step id.")
        String stepId;

        @Parameters(index = "1", description = "done, blocked or failed.")
        String status;

        @Override
        public Integer call() {
            var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("status", status);
            if (summary != null) {
                body.put("summary", summary);
            }
            if (question != null) {
                body.put("question", question);
            }
            var completion = endpoints.http().post(endpoints.executionUrl + "/steps/" + stepId + "/complete",
                    body.toString());
            System.out.printf("step %s completed %s: %s%n", stepId, status, completion.path("recordedHere").asBoolean()
                    ? "recorded by execution-service (no worker holds the hand-off)"
                    : "routed to worker " + completion.path("routedTo").asText());
            return 0;
        }
    }

    @Command(name = "rm-workspace", description = "Remove a finished step's workspace from the workers.")
    static final class RemoveWorkspace implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The step id.")
        String stepId;

        @Override
        public Integer call() {
            endpoints.http().delete(endpoints.executionUrl + "/steps/" + stepId + "/workspace");
            System.out.printf("removal of step %s's workspace accepted%n", stepId);
            return 0;
        }
    }
}
