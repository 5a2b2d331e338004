package dev.devgodzilla.worker.way.cli.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.PlainTextParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/** SHAI: {@code shai -p <prompt>}; text output, an OpenAI-compatible endpoint through {@code OPENAI_COMPATIBLE_*}. */
@Singleton
public final class ShaiEngine extends CliEngine {

    /** Catalogue id of the agent this engine runs. */
    public static final String AGENT_ID = "shai";

    public ShaiEngine(CliEngineSettings settings) {
        super(AGENT_ID, settings);
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        return List.of("-p", request.framedPrompt());
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        baseUrl().ifPresent(url -> env.put("OPENAI_COMPATIBLE_BASE_URL", url));
        return env;
    }

    @Override
    protected StreamParser parser() {
        return new PlainTextParser();
    }
}
