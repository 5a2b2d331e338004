package dev.devgodzilla.worker.handoff;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentKind;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.worker.engine.api.JulesClient;
import dev.devgodzilla.worker.engine.ide.IdeConfig;

/**
 * Decides per agent how this worker runs its steps, and what it can say about the agents it does not
 * run as a process. Only the catalogue and the configuration decide, never the job, so every attempt of
 * a step goes the same way on the same worker.
 */
@ApplicationScoped
public class AgentWays {
    /** The API agent this worker can drive. */
    public static final String JULES = "jules";
    public static final String IDE_HAND_OFF = "IDE hand-off";

    /** How a step of an agent runs. */
    public enum Way {
        /** The agent's CLI in the attempt's sandbox on this worker: the engines. */
        CLI,
        /** A command file in the workspace that an IDE picks up; the worker follows it without a slot. */
        IDE,
        /** A session on the Jules REST API, followed from the attempt's thread. */
        JULES
    }

    private final Set<String> ideByChoice;
    private final Optional<String> julesKey;
    private final String julesApiVersion;

    @Inject
    public AgentWays(IdeConfig ide, @ConfigProperty(name = JulesClient.API_KEY_PROPERTY) Optional<String> julesKey,
                     JulesClient jules) {
        this(ide.agents().orElse(List.of()), julesKey, jules.version());
    }

    AgentWays(List<String> ideByChoice, Optional<String> julesKey, String julesApiVersion) {
        this.ideByChoice = ideByChoice.stream().map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.julesKey = julesKey.filter(k -> !k.isBlank());
        this.julesApiVersion = julesApiVersion;
    }

    /** The way of {@code agentId}; unknown agents go the CLI way, which reports them as not found. */
    public Way of(String agentId) {
        return agentId == null ? Way.CLI : AgentCatalog.find(agentId).map(this::of).orElse(Way.CLI);
    }

    Way of(AgentMetadata agent) {
        if (agent.kind() == AgentKind.API) {
            // Jules is the only API agent with an adapter; another one added in agents.yaml has no engine.
            return JULES.equals(agent.id()) ? Way.JULES : Way.CLI;
        }
        if (agent.kind() == AgentKind.IDE && (agent.binary() == null || agent.binary().isBlank())) {
            // windsurf, roo, bob: there is nothing to run headless, the IDE is the only way
            return Way.IDE;
        }
        // copilot, cursor, kilocode have a CLI too: the IDE only when the operator asks for it here (any
        // agent with a command directory can be listed; these three are what the setting is for)
        return ideByChoice.contains(agent.id()) && hasCommandDir(agent) ? Way.IDE : Way.CLI;
    }

    /**
     * What a heartbeat says about an agent this worker does not run as a process, or empty for the CLI
     * agents, whose binaries are looked for. IDE agents are available wherever a worker can write their
     * command file; Jules where its API key is configured (asking the API every few minutes from every
     * worker would only turn a network hiccup into an unavailable agent).
     */
    public Optional<InstalledAgent> availability(AgentMetadata agent) {
        return switch (of(agent)) {
            case CLI -> Optional.empty();
            case IDE -> Optional.of(hasCommandDir(agent) ? new InstalledAgent(agent.id(), true, IDE_HAND_OFF, null)
                    : new InstalledAgent(agent.id(), false, null, agent.name()
                    + " has no command directory in the catalogue to hand steps over through"));
            case JULES -> Optional.of(julesKey.isPresent()
                    ? new InstalledAgent(agent.id(), true, "Jules API " + julesApiVersion, null)
                    : new InstalledAgent(agent.id(), false, null, missingJulesKey()));
        };
    }

    public boolean julesConfigured() {
        return julesKey.isPresent();
    }

    /** Why Jules cannot run here, naming the property and environment variable to set. */
    public static String missingJulesKey() {
        return "no Jules API key is configured on this worker: set " + JulesClient.API_KEY_PROPERTY
                + " (environment variable " + envName(JulesClient.API_KEY_PROPERTY) + ")";
    }

    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean hasCommandDir(AgentMetadata agent) {
        return agent.commandDir() != null && !agent.commandDir().isBlank();
    }
}
