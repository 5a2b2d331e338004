package dev.devgodzilla.contracts.agents;

/** The format of the command files an agent reads from its command directory. */
public enum PromptFormat {
    MARKDOWN, TOML, JSON
}
