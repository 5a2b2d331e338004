package dev.devgodzilla.contracts.agents;

/** How an agent is driven: a headless command line, files for an IDE, or a remote HTTP API. */
public enum AgentKind {
    CLI, IDE, API
}
