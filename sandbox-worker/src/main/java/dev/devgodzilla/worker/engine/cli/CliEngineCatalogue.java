package dev.devgodzilla.worker.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.engine.Engine;

/**
 * The built-in engine of every catalogue agent that runs on a worker: a CLI engine for each headless
 * CLI, and an engine without a command line for the IDE-only ones, whose steps are handed over. API
 * agents (Jules) are not run as processes.
 */
public final class CliEngineCatalogue {

    private CliEngineCatalogue() {
    }

    /** The built-in engine of {@code agentId}, if the worker has one. */
    public static Optional<Engine> engineFor(String agentId, CliEngineSettings settings) {
        return AgentCatalog.find(agentId).flatMap(agent -> create(agent, settings));
    }

    /** Every built-in engine, in catalogue order. */
    public static List<Engine> all(CliEngineSettings settings) {
        List<Engine> engines = new ArrayList<>();
        for (AgentMetadata agent : AgentCatalog.all()) {
            create(agent, settings).ifPresent(engines::add);
        }
        return engines;
    }

    private static Optional<Engine> create(AgentMetadata agent, CliEngineSettings settings) {
        BiFunction<AgentMetadata, CliEngineSettings, Engine> factory = switch (agent.id()) {
            case "claude-code" -> ClaudeCodeEngine::new;
            case "codex" -> CodexEngine::new;
            case "opencode" -> OpenCodeFamilyEngine::openCode;
            case "kilocode" -> OpenCodeFamilyEngine::kilo;
            case "gemini-cli" -> GeminiEngine::new;
            case "qwen" -> QwenEngine::new;
            case "copilot" -> CopilotEngine::new;
            case "codebuddy" -> CodeBuddyEngine::new;
            case "cursor" -> CursorEngine::new;
            case "amp" -> AmpEngine::new;
            case "auggie" -> AuggieEngine::new;
            case "qoder" -> QoderEngine::new;
            case "q" -> KiroEngine::new;
            case "shai" -> ShaiEngine::new;
            case "windsurf", "roo", "bob" -> (a, s) -> new IdeOnlyEngine(a);
            default -> null;
        };
        return factory == null ? Optional.empty() : Optional.of(factory.apply(agent, settings));
    }
}
