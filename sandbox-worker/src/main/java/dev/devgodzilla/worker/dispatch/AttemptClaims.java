package dev.devgodzilla.worker.dispatch;

import dev.devgodzilla.contracts.messages.SandboxJob;

/** Asks execution-service for an attempt before its agent starts, so that no attempt runs twice. */
public interface AttemptClaims {

    /** The answer to a claim: whether this process may run the attempt, and why not. */
    record Claim(boolean granted, String detail) {
        public static Claim grant() {
            return new Claim(true, null);
        }

        public static Claim refusal(String why) {
            return new Claim(false, why);
        }
    }

    /** Blocking; never throws: an answer that cannot be had is a refusal saying so. */
    Claim claim(SandboxJob job);
}
