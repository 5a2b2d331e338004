package dev.devgodzilla.contracts.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code agents.yaml}: per agent id, fields that override the built-in metadata, or a whole new
 * agent that exists only in configuration (a placeholder until a worker has an engine for it).
 *
 * <pre>
 * agents:
 *   claude-code:
 *     defaultModel: claude-opus-4-1
 *   my-agent:
 *     name: My Agent
 *     kind: CLI
 *     binary: my-agent
 *     commandDir: .my-agent/commands/
 * </pre>
 */
public final class AgentCatalogFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AgentCatalogFile() {
    }

    /** The agents of {@code base} with the file's overrides applied and its new agents added. */
    public static Map<String, AgentMetadata> merge(Map<String, AgentMetadata> base, Path file) {
        try {
            return merge(base, Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agents file " + file, e);
        }
    }

    /** Like {@link #merge(Map, Path)} on text; {@code origin} names the source in errors. */
    public static Map<String, AgentMetadata> merge(Map<String, AgentMetadata> base, String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, AgentMetadata> merged = new LinkedHashMap<>(base);
        JsonNode agents = root == null ? null : root.get("agents");
        if (agents == null || agents.isNull()) {
            return merged;
        }
        if (!agents.isObject()) {
            throw new IllegalArgumentException(origin + ": 'agents' must map agent ids to their settings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = agents.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            if (!entry.getValue().isObject()) {
                throw new IllegalArgumentException(origin + ": agent '" + id + "' must be a map of settings");
            }
            merged.put(id, apply(merged.get(id), id, entry.getValue(), origin));
        }
        return merged;
    }

    private static AgentMetadata apply(AgentMetadata base, String id, JsonNode s, String origin) {
        AgentMetadata b = base != null ? base : placeholder(id, origin);
        return new AgentMetadata(id,
                text(s, "name", b.name()),
                enumValue(s, "kind", AgentKind.class, b.kind(), origin, id),
                text(s, "commandDir", b.commandDir()),
                enumValue(s, "format", PromptFormat.class, b.format(), origin, id),
                text(s, "defaultModel", b.defaultModel()),
                list(s, "capabilities", b.capabilities()),
                text(s, "installUrl", b.installUrl()),
                text(s, "installCommand", b.installCommand()),
                s.has("requiresCli") ? s.get("requiresCli").asBoolean() : b.requiresCli(),
                text(s, "binary", b.binary()),
                text(s, "version", b.version()),
                text(s, "description", b.description()));
    }

    private static AgentMetadata placeholder(String id, String origin) {
        return new AgentMetadata(id, id, AgentKind.CLI, null, PromptFormat.MARKDOWN, null,
                List.of("execute"), null, null, true, null, null, "Configured in " + origin + ".");
    }

    private static String text(JsonNode s, String field, String fallback) {
        return s.hasNonNull(field) ? s.get(field).asText() : fallback;
    }

    private static List<String> list(JsonNode s, String field, List<String> fallback) {
        if (!s.hasNonNull(field)) {
            return fallback;
        }
        List<String> values = new ArrayList<>();
        s.get(field).forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private static <E extends Enum<E>> E enumValue(JsonNode s, String field, Class<E> type, E fallback, String origin,
                                                   String id) {
        if (!s.hasNonNull(field)) {
            return fallback;
        }
        String value = s.get(field).asText().trim();
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "' has " + field + " '" + value
                    + "'; expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
