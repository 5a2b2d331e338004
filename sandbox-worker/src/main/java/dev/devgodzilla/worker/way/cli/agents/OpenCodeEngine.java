package dev.devgodzilla.worker.way.cli.agents;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngineSettings;

/** OpenCode: {@code opencode run --format json}, configured like the rest of its family. */
@Singleton
public final class OpenCodeEngine extends OpenCodeFamilyEngine {
    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "opencode";

    public OpenCodeEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings, false);
    }
}
