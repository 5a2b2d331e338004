package dev.devgodzilla.worker.dispatch;

import java.time.Instant;

import dev.devgodzilla.contracts.messages.SandboxJob;

/** Lets tests outside this package have an attempt of {@code stepId} running. */
public final class RunningAttemptsAccess {
    private RunningAttemptsAccess() {
    }

    public static void running(RunningAttempts attempts, String stepId, int attempt) {
        attempts.register(new SandboxJob(1, "e-" + stepId, Instant.now(), stepId, attempt, "dummy", null, "p", null,
                null, 60, 60, null, null, null, null));
    }
}
