package dev.devgodzilla.registry.rest;

import java.util.List;

import dev.devgodzilla.contracts.agents.AgentKind;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.PromptFormat;
import dev.devgodzilla.registry.domain.AgentView;

/** An agent as {@code GET /agents} shows it: catalogue metadata plus current availability. */
public record AgentInfo(String id, String name, AgentKind kind, String commandDir, PromptFormat format,
                        String defaultModel, List<String> capabilities, String installUrl, String installCommand,
                        boolean requiresCli, String binary, String version, String description,
                        boolean available, List<String> workers, List<String> versions, String reason) {

    static AgentInfo of(AgentMetadata m, AgentView v) {
        return new AgentInfo(m.id(), m.name(), m.kind(), m.commandDir(), m.format(), m.defaultModel(),
                m.capabilities(), m.installUrl(), m.installCommand(), m.requiresCli(), m.binary(), m.version(),
                m.description(), v.available(), v.workers(), v.versions(), v.reason());
    }
}
