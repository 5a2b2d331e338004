package dev.devgodzilla.worker.way;

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
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.way.api.JulesAttemptRunner;
import dev.devgodzilla.worker.way.api.JulesClient;
import dev.devgodzilla.worker.way.ide.IdeConfig;

/**
 * Decides per agent how this worker runs its steps (the one place that does), and what it can say about the agents it does not
 * run as a process. Only the catalogue and the configuration decide, never the job, so every attempt of
 * a step goes the same way on the same worker.
 */
@ApplicationScoped
public class AgentWays {
    public static final String IDE_HAND_OFF = "IDE hand-off";

    private final Set<String> ideByChoice;
    private final Optional<String> julesKey;
    private final String julesApiVersion;

    @Inject
    public AgentWays(IdeConfig ide, @ConfigProperty(name = JulesClient.API_KEY_PROPERTY) Optional<String> julesKey,
                     JulesClient jules) {
        this(ide.agents().orElse(List.of()), julesKey, jules.version());
    }

    public AgentWays(List<String> ideByChoice, Optional<String> julesKey, String julesApiVersion) {
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
            return JulesAttemptRunner.AGENT_ID.equals(agent.id()) ? Way.JULES : Way.CLI;
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
     * command file; Jules where its API key is configured (then {@code JulesHealthCheck} asks the API itself
     * at each agent check).
     */
    public Optional<InstalledAgent> availability(AgentMetadata agent) {
        return switch (of(agent)) {
            case CLI -> Optional.empty();
            case IDE -> Optional.of(hasCommandDir(agent) ? new InstalledAgent(agent.id(), true, IDE_HAND_OFF, null)
                    : new InstalledAgent(agent.id(), false, null, agent.name()
                    + " has no command directory in the catalogue to hand steps over through"));
            case JULES -> Optional.of(julesKey.isPresent()
                    ? new InstalledAgent(agent.id(), true, "Jules API " + julesApiVersion, null)
                    : new InstalledAgent(agent.id(), false, null, JulesAttemptRunner.missingKey()));
        };
    }

    public boolean julesConfigured() {
        return julesKey.isPresent();
    }

    private static boolean hasCommandDir(AgentMetadata agent) {
        return agent.commandDir() != null && !agent.commandDir().isBlank();
    }
}
