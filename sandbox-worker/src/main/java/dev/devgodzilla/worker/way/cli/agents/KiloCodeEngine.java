package dev.devgodzilla.worker.way.cli.agents;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngineSettings;

/** Kilo Code: {@code kilo run --format json}, configured like the rest of its family. */
@Singleton
public final class KiloCodeEngine extends OpenCodeFamilyEngine {
    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "kilocode";

    public KiloCodeEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings, true);
    }
}
