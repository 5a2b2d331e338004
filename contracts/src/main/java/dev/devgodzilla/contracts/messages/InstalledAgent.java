package dev.devgodzilla.contracts.messages;

/** What a worker found of one agent on its machine. */
public record InstalledAgent(String agentId, boolean available, String version, String reason) {
}
