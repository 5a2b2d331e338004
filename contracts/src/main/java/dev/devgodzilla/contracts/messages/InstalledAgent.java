package dev.devgodzilla.contracts.messages;

/**
 * What a worker found of one agent on its machine.
 *
 * @param checkMs how long the worker's last check of it took (its sandboxed {@code --version}), null where
 *                nothing was run
 */
public record InstalledAgent(String agentId, boolean available, String version, String reason, Long checkMs) {

    public InstalledAgent(String agentId, boolean available, String version, String reason) {
        this(agentId, available, version, reason, null);
    }
}
