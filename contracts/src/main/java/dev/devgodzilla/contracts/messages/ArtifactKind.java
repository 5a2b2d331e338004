package dev.devgodzilla.contracts.messages;

/** What an artifact or changed file is, for filtering and QA. */
public enum ArtifactKind {
    CODE, TEST, LOG, DIFF, DOC, REPORT, OTHER
}
