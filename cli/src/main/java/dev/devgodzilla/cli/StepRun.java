package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Submits a step and follows it to its end: prints each event as it arrives, then the state that
 * execution-service holds. Ends at the QA result, or at a final state that gets no QA.
 */
final class StepRun {
    private final Endpoints endpoints;
    private final PrintStream out;

    StepRun(Endpoints endpoints, PrintStream out) {
        this.endpoints = endpoints;
        this.out = out;
    }

    /** Returns the step's final state as execution-service reports it. */
    String submitAndFollow(StepRequest request, boolean withLogs, Duration timeout) {
        try (StepFollower follower = new StepFollower(endpoints.bootstrap, request.stepId(), withLogs, false);
             StepPublisher publisher = new StepPublisher(endpoints.bootstrap)) {
            publisher.publish(request);
            // timed from the broker's acknowledgement, so the producer's own start-up is not counted
            Instant submitted = Instant.now();
            out.printf("submitted step %s to agent %s%n", request.stepId(), request.agentId());
            UpdatePrinter printer = new UpdatePrinter(out, submitted);
            Instant[] startedAt = new Instant[1];
            boolean finished = follower.follow(update -> {
                printer.print(update);
                if (update instanceof StepFollower.EventUpdate e && e.event() instanceof StepStarted
                        && startedAt[0] == null) {
                    startedAt[0] = Instant.now();
                }
            }, this::isEnd, submitted.plus(timeout));
            if (startedAt[0] != null) {
                out.printf("StepRequest -> StepStarted: %d ms%n", Duration.between(submitted, startedAt[0]).toMillis());
            }
            if (!finished) {
                out.printf("no final state within %d s; the step goes on: `./dg step get %s`%n",
                        timeout.toSeconds(), request.stepId());
            }
            return printState(request.stepId());
        }
    }

    /** Prints what execution-service holds for the step and returns its state. */
    String printState(String stepId) {
        JsonNode step = endpoints.http().get(endpoints.executionUrl + "/steps/" + stepId);
        out.printf("step %s: %s (attempt %s, agent %s)%s%n", stepId, step.path("state").asText(),
                step.path("attempt").asText(), step.path("agentId").asText(),
                step.hasNonNull("reason") ? " - " + step.get("reason").asText() : "");
        for (JsonNode event : step.path("events")) {
            out.printf("  %-24s attempt %-2s %s%n", event.path("kind").asText(), event.path("attempt").asText(),
                    event.path("summary").asText(""));
        }
        return step.path("state").asText();
    }

    private boolean isEnd(StepFollower.Update update) {
        if (update instanceof StepFollower.QaUpdate q) {
            // execution-service records the verdict right after it is published
            waitForState(q.result().stepId(), state -> state.startsWith("QA_"));
            return true;
        }
        if (update instanceof StepFollower.EventUpdate e && isFinalWithoutQa(e.event())) {
            // a failure may be retried: only the service knows whether this one was the last
            return waitForState(e.event().stepId(),
                    state -> !state.equals("RUNNING") && !state.equals("DISPATCHED") && !state.equals("RECEIVED"));
        }
        return false;
    }

    private static boolean isFinalWithoutQa(StepEvent event) {
        return switch (event.type()) {
            case FAILED, BLOCKED, PENDING -> true;
            default -> false;
        };
    }

    /** Polls the step's state for a few seconds until {@code reached} accepts it. */
    private boolean waitForState(String stepId, Predicate<String> reached) {
        return awaitState(stepId, reached, Duration.ofSeconds(5));
    }

    /** Polls the step's state until {@code reached} accepts it or {@code wait} passes; says whether it did. */
    boolean awaitState(String stepId, Predicate<String> reached, Duration wait) {
        Instant until = Instant.now().plus(wait);
        while (Instant.now().isBefore(until)) {
            String state = endpoints.http().get(endpoints.executionUrl + "/steps/" + stepId).path("state").asText();
            if (reached.test(state)) {
                return true;
            }
            sleep(100);
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
