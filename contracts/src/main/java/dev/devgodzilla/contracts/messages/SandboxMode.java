package dev.devgodzilla.contracts.messages;

/** How much of the machine an agent run may touch, from least to most. */
public enum SandboxMode {
    READ_ONLY,
    WORKSPACE_WRITE,
    NETWORK_RESTRICTED,
    FULL_ACCESS
}
