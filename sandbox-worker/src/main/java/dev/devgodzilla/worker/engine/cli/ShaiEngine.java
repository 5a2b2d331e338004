package dev.devgodzilla.worker.engine.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.parse.PlainTextParser;
import dev.devgodzilla.worker.engine.parse.StreamParser;

/** SHAI: {@code shai -p <prompt>}; text output, an OpenAI-compatible endpoint through {@code OPENAI_COMPATIBLE_*}. */
public final class ShaiEngine extends CliEngine {

    public ShaiEngine(AgentMetadata agent, CliEngineSettings settings) {
        super(agent, settings);
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
