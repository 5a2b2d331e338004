package dev.devgodzilla.worker.way.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.smallrye.mutiny.subscription.Cancellable;

/** A Jules step under way: its outcome to come, and a way to stop following it. */
public final class JulesRun {
    private final CompletableFuture<JulesOutcome> outcome = new CompletableFuture<>();
    private final Supplier<JulesOutcome> cancelledOutcome;
    private volatile Cancellable subscription;

    JulesRun(Supplier<JulesOutcome> cancelledOutcome) {
        this.cancelledOutcome = cancelledOutcome;
    }

    void follow(Cancellable subscription) {
        this.subscription = subscription;
        if (outcome.isDone()) {
            subscription.cancel();
        }
    }

    void finish(JulesOutcome result) {
        outcome.complete(result);
    }

    /** Completes exactly once: COMPLETED, BLOCKED or FAILED (time-outs and cancellation included). */
    public CompletionStage<JulesOutcome> outcome() {
        return outcome;
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    /**
     * Stops polling and ends the run as FAILED with code CANCELLED. The remote session is left as it is:
     * the API has no call to stop a session.
     */
    public void cancel() {
        if (outcome.complete(cancelledOutcome.get())) {
            Cancellable current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
