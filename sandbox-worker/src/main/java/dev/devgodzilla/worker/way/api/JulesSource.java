package dev.devgodzilla.worker.way.api;

/** What a session works on: {@code sources/github/<owner>/<repo>} and the branch it starts from. */
public record JulesSource(String source, String startingBranch) {
}
