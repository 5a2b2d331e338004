package dev.devgodzilla.execution.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.StepRequest;

import java.util.TreeMap;

/**
 * The hash that tells a redelivered request from a different one under the same stepId. The envelope
 * (eventId, occurredAt, schemaVersion) changes on every send, so it is left out.
 */
public final class RequestFingerprint {
    private static final ObjectMapper CANONICAL = Json.mapper();

    private RequestFingerprint() {
    }

    public static String of(StepRequest r) {
        // Labels copied into a sorted map, so the same labels always hash alike.
        StepRequest body = new StepRequest(null, null, null, r.stepId(), r.planId(), r.projectId(), r.agentId(),
                r.model(), r.taskType(), r.task(), r.context(), r.dependencies(), r.instructions(), r.workspace(),
                r.sandboxMode(), r.timeoutSeconds(), r.qaCommand(),
                r.labels() == null ? null : new TreeMap<>(r.labels()), r.setupCommand(), r.promptTemplate());
        try {
            return Sha256.of(CANONICAL.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a step request", e);
        }
    }
}
