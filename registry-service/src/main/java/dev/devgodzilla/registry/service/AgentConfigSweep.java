package dev.devgodzilla.registry.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Announces every agent's configuration, the projects' overrides, the agent routing and the prompt templates
 * soon after start and then now and then: a new agents.yaml takes effect on the bus at start, and a record lost
 * between a change's commit and its announcement is repaired. The topics are compacted and services apply only
 * what changed, so repeating costs nothing.
 */
@ApplicationScoped
public class AgentConfigSweep {
    private final AgentConfigService configs;
    private final AgentRoutingService routing;
    private final PromptTemplateService templates;
    private final ProjectAgentConfigService projects;

    public AgentConfigSweep(AgentConfigService configs, AgentRoutingService routing,
                            PromptTemplateService templates, ProjectAgentConfigService projects) {
        this.configs = configs;
        this.routing = routing;
        this.templates = templates;
        this.projects = projects;
    }

    @Scheduled(every = "${dg.registry.config-announce-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announce() {
        return configs.announceAll().chain(routing::announce).chain(templates::announceAll)
                .chain(projects::announceAll)
                .onFailure().invoke(e -> Log.warnf("announcing the agent configuration failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
