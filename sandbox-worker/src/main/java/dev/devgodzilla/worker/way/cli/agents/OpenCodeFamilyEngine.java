package dev.devgodzilla.worker.way.cli.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.worker.way.cli.CliEngine;
import dev.devgodzilla.worker.way.cli.CliEngineSettings;
import dev.devgodzilla.worker.way.cli.EngineRequest;
import dev.devgodzilla.worker.way.cli.parse.OpenCodeJsonParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * OpenCode and its fork Kilo: {@code run --format json --auto --dir <workspace>} with the prompt on stdin,
 * configured through {@code <PREFIX>_CONFIG_CONTENT}. {@code run} without a message reads a stdin that is not
 * a terminal whole as the message (both CLIs' own {@code run} command). A configured endpoint becomes an OpenAI-compatible provider {@code dg}
 * whose key is the agent's {@code OPENAI_API_KEY} credential.
 */
public abstract class OpenCodeFamilyEngine extends CliEngine {
    static final String KEY_VARIABLE = "OPENAI_API_KEY";
    /** A closed local port: first runs look up plugin versions on the npm registry, which a run must not need. */
    static final String NO_REGISTRY = "http://127.0.0.1:9/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean kilo;

    protected OpenCodeFamilyEngine(String agentId, CliEngineSettings settings, boolean kilo) {
        super(agentId, settings);
        this.kilo = kilo;
    }

    @Override
    protected List<String> arguments(EngineRequest request) {
        List<String> args = new ArrayList<>(List.of("run", "--format", "json", "--auto", "--dir",
                request.workspace().toString()));
        if (request.taskType().readOnly()) {
            // the built-in plan agent has edits and writes switched off
            args.addAll(List.of("--agent", "plan"));
        }
        return args;
    }

    /** {@code run --session <id>} (OpenCode and Kilo alike). */
    @Override
    protected List<String> resumeArguments(String sessionId) {
        return List.of("--session", sessionId);
    }

    @Override
    protected boolean promptOnStdin() {
        return true;
    }

    @Override
    protected Map<String, String> environment(EngineRequest request) {
        String prefix = kilo ? "KILO" : "OPENCODE";
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "_CONFIG_CONTENT", config(request));
        env.put(prefix + "_DISABLE_AUTOUPDATE", "1");
        env.put(prefix + "_DISABLE_MODELS_FETCH", "1");
        env.put("npm_config_registry", NO_REGISTRY);
        if (kilo) {
            env.put("KILO_CONFIG_DIR", request.home().visible(".config/kilo"));
            env.put("KILO_TELEMETRY_LEVEL", "off");
            env.put("KILO_DISABLE_SESSION_INGEST", "1");
            env.put("KILO_DISABLE_PRESENCE", "1");
            env.put("KILO_NO_DAEMON", "1");
            if (baseUrl().isPresent()) {
                // Kilo's own API serves only its gateway models; with an endpoint of our own it must not be reached
                env.put("KILO_API_URL", "http://127.0.0.1:9");
                env.put("KILO_API_BASE", "http://127.0.0.1:9");
            }
        }
        return env;
    }

    /** The config JSON; a {@code $schema} key is left out because it makes OpenCode fetch the schema. */
    String config(EngineRequest request) {
        ObjectNode config = JSON.createObjectNode();
        config.put("autoupdate", false);
        if (!kilo) {
            config.put("share", "disabled");
        }
        String model = model(request);
        if (baseUrl().isPresent()) {
            String id = model == null ? "default" : model;
            ObjectNode provider = config.putObject("provider").putObject("dg")
                    .put("npm", "@ai-sdk/openai-compatible").put("name", "dg");
            provider.putObject("options").put("baseURL", baseUrl().get())
                    .put("apiKey", credential(request, KEY_VARIABLE, "none"));
            provider.putObject("models").putObject(id).put("name", id);
            config.put("model", "dg/" + id).put("small_model", "dg/" + id);
        } else if (model != null) {
            config.put("model", model);
        }
        return config.toString();
    }

    @Override
    protected StreamParser parser() {
        return new OpenCodeJsonParser();
    }
}
