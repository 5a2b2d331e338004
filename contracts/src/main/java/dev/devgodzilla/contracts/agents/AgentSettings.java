package dev.devgodzilla.contracts.agents;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.contracts.messages.SandboxMode;

/**
 * How the runs of one agent are made: where its model is, which credentials it gets, what its sandbox may
 * reach, and its limits. Null fields leave the decision to the worker's or execution-service's defaults.
 *
 * @param baseUrl            the model endpoint exactly as the agent's CLI expects it; null for the vendor's own
 * @param credentials        per environment variable of the run, a <em>reference</em> to its value on the
 *                           worker: {@code env:NAME} (the worker's environment) or {@code file:/path} (a
 *                           mounted secret); never the value itself
 * @param egress             the {@code host[:port]} patterns its runs may reach in NETWORK_RESTRICTED mode
 * @param defaultMode        the sandbox mode of its steps that ask for none
 * @param maxMode            the most its steps may ask for
 * @param timeoutSeconds     wall-clock limit of an attempt, for steps that set none
 * @param idleTimeoutSeconds limit on an attempt's silence
 * @param maxAttempts        attempts of a step before it fails for good
 * @param backoffSeconds     wait before each retry
 * @param enabled            false: no step is sent to it
 * @param stepBudget         what one step of it may spend over all its attempts
 * @param projectBudget      what the steps of one project may spend on it together
 */
public record AgentSettings(
        String baseUrl,
        Map<String, String> credentials,
        List<String> egress,
        SandboxMode defaultMode,
        SandboxMode maxMode,
        Integer timeoutSeconds,
        Integer idleTimeoutSeconds,
        Integer maxAttempts,
        Integer backoffSeconds,
        Boolean enabled,
        Budget stepBudget,
        Budget projectBudget) {

    public static final AgentSettings NONE = new AgentSettings(null, Map.of(), List.of(), null, null, null, null,
            null, null, null, null, null);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public AgentSettings {
        credentials = credentials == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
        egress = egress == null ? List.of() : List.copyOf(egress);
    }

    /** Vendor defaults: the API hosts its runs reach and the variables its key is usually in. */
    static AgentSettings vendor(List<String> egress, String... keyVariables) {
        Map<String, String> credentials = new LinkedHashMap<>();
        for (String variable : keyVariables) {
            credentials.put(variable, "env:" + variable);
        }
        return new AgentSettings(null, credentials, egress, SandboxMode.NETWORK_RESTRICTED, null, null, null, null,
                null, null, null, null);
    }

    /** These settings pointed at {@code url}. */
    public AgentSettings withBaseUrl(String url) {
        return new AgentSettings(url, credentials, egress, defaultMode, maxMode, timeoutSeconds, idleTimeoutSeconds,
                maxAttempts, backoffSeconds, enabled, stepBudget, projectBudget);
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /**
     * The hosts the agent's runs may reach: its egress list and, where a base URL is set, that endpoint's own
     * {@code host:port} (an address named this way is reachable even when it is loopback or private).
     */
    public List<String> effectiveEgress() {
        LinkedHashSet<String> hosts = new LinkedHashSet<>(egress);
        endpoint().ifPresent(hosts::add);
        return List.copyOf(hosts);
    }

    private Optional<String> endpoint() {
        if (baseUrl == null || baseUrl.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(baseUrl.strip());
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return Optional.of(uri.getHost() + ":" + port);
    }

    /**
     * Why these settings cannot be used, or an empty list: a credential given as a value instead of a
     * reference, a base URL that is not http(s), an egress entry with a scheme or path, a limit below one.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        credentials.forEach((variable, reference) -> {
            if (!ENV_NAME.matcher(variable).matches()) {
                problems.add("credentials." + variable + ": not an environment variable name");
            }
            if (!isReference(reference)) {
                problems.add("credentials." + variable + ": must be a reference, env:NAME or file:/path, never the"
                        + " secret itself");
            }
        });
        if (baseUrl != null && !baseUrl.isBlank()) {
            try {
                URI uri = URI.create(baseUrl.strip());
                if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        || uri.getHost() == null) {
                    problems.add("baseUrl: must be an http or https URL with a host, got '" + baseUrl + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("baseUrl: not a URL: " + e.getMessage());
            }
        }
        for (String host : egress) {
            if (host == null || host.isBlank() || host.contains("/") || host.contains(" ")) {
                problems.add("egress: '" + host + "' is not a host[:port] pattern");
            }
        }
        positive(problems, "timeout", timeoutSeconds);
        positive(problems, "idleTimeout", idleTimeoutSeconds);
        positive(problems, "maxAttempts", maxAttempts);
        if (backoffSeconds != null && backoffSeconds < 0) {
            problems.add("backoff: must not be negative");
        }
        if (stepBudget != null) {
            problems.addAll(stepBudget.problems("stepBudget"));
        }
        if (projectBudget != null) {
            problems.addAll(projectBudget.problems("projectBudget"));
        }
        if (defaultMode != null && maxMode != null && defaultMode.compareTo(maxMode) > 0) {
            problems.add("defaultMode: " + defaultMode + " is above maxMode " + maxMode);
        }
        return problems;
    }

    static boolean isReference(String reference) {
        if (reference == null) {
            return false;
        }
        if (reference.startsWith("env:")) {
            return ENV_NAME.matcher(reference.substring(4)).matches();
        }
        return reference.startsWith("file:/") && reference.length() > 6;
    }

    private static void positive(List<String> problems, String field, Integer value) {
        if (value != null && value < 1) {
            problems.add(field + ": must be at least 1, got " + value);
        }
    }
}
