package dev.devgodzilla.contracts.agents;

import java.util.List;

/**
 * What the layer knows about an agent, the same for registry-service and the workers.
 *
 * @param binary         the executable a worker looks for on its PATH (null for API agents)
 * @param installCommand how to get the binary, quoted in errors when no worker has it
 * @param requiresCli    whether the agent can only run where its binary is installed
 * @param settings       how its runs are made (endpoint, credential references, egress, modes, limits)
 */
public record AgentMetadata(
        String id,
        String name,
        AgentKind kind,
        String commandDir,
        PromptFormat format,
        String defaultModel,
        List<String> capabilities,
        String installUrl,
        String installCommand,
        boolean requiresCli,
        String binary,
        String version,
        String description,
        AgentSettings settings) {

    public AgentMetadata {
        settings = settings == null ? AgentSettings.NONE : settings;
    }

    /** How to make the agent available, for error messages: the command if there is one, else the URL. */
    public String installHint() {
        if (installCommand != null && !installCommand.isBlank()) {
            return "install it with `" + installCommand + "`" + (installUrl == null ? "" : " (see " + installUrl + ")");
        }
        return installUrl == null ? "no install instructions are known" : "see " + installUrl;
    }
}
