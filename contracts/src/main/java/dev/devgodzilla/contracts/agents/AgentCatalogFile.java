package dev.devgodzilla.contracts.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.contracts.messages.SandboxMode;

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
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})([smh])?");

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
            merged.put(id, overlay(merged.get(id), id, entry.getValue(), origin));
        }
        return merged;
    }

    /**
     * The fields an agent's entry may set, in agents.yaml and in the configuration API alike: the catalogue's
     * (what the agent is) and the run settings (how its runs are made).
     */
    public static final List<String> FIELDS = List.of("name", "kind", "commandDir", "format", "defaultModel",
            "capabilities", "installUrl", "installCommand", "requiresCli", "binary", "version", "description",
            "baseUrl", "credentials", "egress", "defaultMode", "maxMode", "timeout", "idleTimeout", "maxAttempts",
            "backoff", "enabled", "stepBudget", "projectBudget");

    /**
     * {@code base} (null: a new agent) with the fields of {@code s} applied; {@code origin} names the source in
     * errors, which name the field at fault.
     *
     * @throws IllegalArgumentException a field that does not exist or has a value it cannot take
     */
    public static AgentMetadata overlay(AgentMetadata base, String id, JsonNode s, String origin) {
        for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(origin + ": agent '" + id + "' has no field '" + name
                        + "'; the fields are " + String.join(", ", FIELDS));
            }
        }
        AgentMetadata b = base != null ? base : placeholder(id, origin);
        AgentSettings settings = settings(b.settings(), s, origin, id);
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + String.join("; ", problems));
        }
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
                text(s, "description", b.description()),
                settings);
    }

    private static AgentSettings settings(AgentSettings b, JsonNode s, String origin, String id) {
        return new AgentSettings(
                text(s, "baseUrl", b.baseUrl()),
                map(s, "credentials", b.credentials(), origin, id),
                list(s, "egress", b.egress()),
                enumValue(s, "defaultMode", SandboxMode.class, b.defaultMode(), origin, id),
                enumValue(s, "maxMode", SandboxMode.class, b.maxMode(), origin, id),
                seconds(s, "timeout", b.timeoutSeconds(), origin, id),
                seconds(s, "idleTimeout", b.idleTimeoutSeconds(), origin, id),
                number(s, "maxAttempts", b.maxAttempts(), origin, id),
                seconds(s, "backoff", b.backoffSeconds(), origin, id),
                s.hasNonNull("enabled") ? Boolean.valueOf(s.get("enabled").asBoolean()) : b.enabled(),
                budget(s, "stepBudget", b.stepBudget(), origin, id),
                budget(s, "projectBudget", b.projectBudget(), origin, id));
    }

    /** {@code {tokens: 200000, costUsd: 2.5, time: 30m}}, any of them; {@code {}} lifts the budget. */
    private static Budget budget(JsonNode s, String field, Budget fallback, String origin, String id) {
        if (!s.has(field)) {
            return fallback;
        }
        JsonNode value = s.get(field);
        if (value.isNull() || value.isObject() && value.isEmpty()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field
                    + " must be an object of tokens, costUsd and time");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("tokens", "costUsd", "time").contains(name)) {
                throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field + " has no '" + name
                        + "'; a budget has tokens, costUsd and time");
            }
        }
        JsonNode tokens = value.get("tokens");
        if (tokens != null && !tokens.isNull() && !tokens.isIntegralNumber()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field + ".tokens must be a whole"
                    + " number");
        }
        JsonNode cost = value.get("costUsd");
        if (cost != null && !cost.isNull() && !cost.isNumber()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field + ".costUsd must be a"
                    + " number of US dollars");
        }
        return new Budget(tokens == null || tokens.isNull() ? null : tokens.asLong(),
                cost == null || cost.isNull() ? null : cost.asDouble(),
                value.hasNonNull("time") ? seconds(value.get("time"), field + ".time", origin, id) : null);
    }

    private static AgentMetadata placeholder(String id, String origin) {
        return new AgentMetadata(id, id, AgentKind.CLI, null, PromptFormat.MARKDOWN, null,
                List.of("execute"), null, null, true, null, null, "Configured in " + origin + ".", null);
    }

    private static Map<String, String> map(JsonNode s, String field, Map<String, String> fallback, String origin,
                                           String id) {
        if (!s.hasNonNull(field)) {
            return fallback;
        }
        if (!s.get(field).isObject()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field
                    + " must map variable names to references (env:NAME or file:/path)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        s.get(field).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** A number of seconds, or a duration such as {@code 90s}, {@code 5m}, {@code 1h}. */
    private static Integer seconds(JsonNode s, String field, Integer fallback, String origin, String id) {
        return s.hasNonNull(field) ? seconds(s.get(field), field, origin, id) : fallback;
    }

    /** {@code value}, the field {@code name}, as seconds. */
    private static Integer seconds(JsonNode value, String field, String origin, String id) {
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        Matcher m = DURATION.matcher(value.asText().strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field + " '" + value.asText()
                    + "' is not a duration (seconds, or a number with s, m or h)");
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    private static Integer number(JsonNode s, String field, Integer fallback, String origin, String id) {
        if (!s.hasNonNull(field)) {
            return fallback;
        }
        if (!s.get(field).canConvertToInt() || !s.get(field).isIntegralNumber()) {
            throw new IllegalArgumentException(origin + ": agent '" + id + "': " + field + " must be a whole number");
        }
        return s.get(field).asInt();
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
                    + "'; expected one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
