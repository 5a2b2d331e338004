package dev.devgodzilla.contracts.messages;

/** A workspace file the agent added, modified or deleted; size and sha256 are of the new content. */
public record ChangedFile(String path, ChangeType change, ArtifactKind kind, long sizeBytes, String sha256) {
}
