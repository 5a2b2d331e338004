package dev.devgodzilla.worker;

import java.time.Instant;
import java.util.UUID;


import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;

/** Jobs for the dummy agent with a fresh step id, as execution-service would dispatch them. */
public final class TestJobs {
    private TestJobs() {
    }

    /** A job whose prompt is the dummy's script, in the default mode, in a workspace of its own. */
    public static SandboxJob dummy(String prompt) {
        return dummy(prompt, SandboxMode.WORKSPACE_WRITE, null, null);
    }

    public static SandboxJob dummy(String prompt, SandboxMode mode, String setupCommand, String workspace) {
        return new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), "step-" + UUID.randomUUID(),
                1, AgentCatalog.DUMMY, "none", prompt, workspace, mode, 60, 0, "project-1", "true", setupCommand, null);
    }
}
