package dev.devgodzilla.contracts.messages;

import java.time.Instant;
import java.util.Map;

/** A file the layer kept from an attempt, with its size and sha256 so a reader can check it. */
public record Artifact(
        String name,
        ArtifactKind kind,
        String path,
        long sizeBytes,
        String sha256,
        Instant createdAt,
        Map<String, String> metadata) {
}
