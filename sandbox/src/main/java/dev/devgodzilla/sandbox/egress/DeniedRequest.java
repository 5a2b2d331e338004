package dev.devgodzilla.sandbox.egress;

import java.time.Instant;

/** A request the egress proxy refused, kept for the step's events and for tests. */
public record DeniedRequest(String stepId, String host, int port, String reason, Instant at) {
}
