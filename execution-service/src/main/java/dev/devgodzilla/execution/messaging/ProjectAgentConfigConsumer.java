package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.execution.service.ProjectAgentConfigView;
import io.quarkus.logging.Log;

/** Reads the compacted {@code agent-project-config} topic: what each project sets of an agent's configuration. */
@ApplicationScoped
public class ProjectAgentConfigConsumer {
    private final ProjectAgentConfigView view;

    public ProjectAgentConfigConsumer(ProjectAgentConfigView view) {
        this.view = view;
    }

    /** Throwing nacks the record, which sends it to {@code agent-project-config.dlq} with the message as its reason. */
    @Incoming(Channels.AGENT_PROJECT_CONFIG)
    public void consume(String payload) {
        if (payload == null) {
            return;
        }
        ProjectAgentConfig config = Json.read(payload, ProjectAgentConfig.class);
        if (config.projectId() == null || config.agentId() == null) {
            throw new RejectedMessageException("project configuration without a projectId and an agentId");
        }
        AgentCatalog.find(config.agentId()).ifPresent(agent -> {
            try {
                config.applyTo(agent);
            } catch (IllegalArgumentException e) {
                throw new RejectedMessageException(e.getMessage());
            }
        });
        if (view.update(config)) {
            Log.infof("project %s: configuration of agent %s version %d %s", config.projectId(), config.agentId(),
                    config.version(), config.removed() ? "removed" : "applied");
        }
    }
}
