package dev.devgodzilla.worker.way;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.install.AgentDirs;
import dev.devgodzilla.worker.install.DummyAgentScript;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;
import dev.devgodzilla.worker.way.api.JulesAttemptRunner;
import dev.devgodzilla.worker.way.api.JulesHealthCheck;
import dev.devgodzilla.worker.way.cli.BinaryLocator;
import dev.devgodzilla.worker.way.cli.VersionProbe;

/**
 * What this worker found of each agent: the dummy (always there) and every catalogue agent with a
 * binary, looked for in the configured agent directories and on the PATH, and asked for its version in a
 * sandbox. Checking runs processes, so it is done at
 * startup and every few minutes, and heartbeats read the last result. Agents that do not run as a
 * process here (IDE hand-offs, Jules) are reported as {@link AgentWays} sees them instead, Jules after a
 * call to its API ({@link JulesHealthCheck}).
 */
@ApplicationScoped
public class InstalledAgents {
    private final DummyAgentScript dummy;
    private final VersionProbe probe;
    private final BinaryLocator locator;
    private final List<Path> agentDirs;
    private final AgentWays ways;
    private final JulesHealthCheck julesHealth;
    private final List<String> consumed;
    private final AttemptSandboxes sandboxes;
    private volatile List<InstalledAgent> current;

    public InstalledAgents(DummyAgentScript dummy, WorkerConfig config, AgentWays ways, VersionProbe probe,
                           JulesHealthCheck julesHealth, AttemptSandboxes sandboxes) {
        this.dummy = dummy;
        this.sandboxes = sandboxes;
        this.julesHealth = julesHealth;
        this.probe = probe;
        this.agentDirs = AgentDirs.binaryDirs(config);
        this.locator = BinaryLocator.withWorkerPath(agentDirs);
        this.ways = ways;
        this.consumed = config.consumedJobTopics();
        List<InstalledAgent> known = new ArrayList<>(List.of(dummyAgent()));
        // what does not need a process to check is known from the start
        AgentCatalog.all().forEach(agent -> ways.availability(agent).ifPresent(known::add));
        this.current = consumedOnly(known);
    }

    /** The result of the last check. */
    public List<InstalledAgent> current() {
        return current;
    }

    /** Looks for every agent again. */
    public List<InstalledAgent> refresh() {
        List<InstalledAgent> found = new ArrayList<>();
        found.add(dummyAgent());
        for (AgentMetadata agent : AgentCatalog.all()) {
            if (AgentCatalog.DUMMY.equals(agent.id())) {
                continue;
            }
            Optional<InstalledAgent> handedOff = ways.availability(agent);
            if (handedOff.isPresent()) {
                found.add(JulesAttemptRunner.AGENT_ID.equals(agent.id()) ? julesHealth.judge(handedOff.get())
                        : handedOff.get());
            } else if (agent.binary() != null && !agent.binary().isBlank()) {
                found.add(check(agent));
            }
        }
        current = consumedOnly(found);
        return current;
    }

    /**
     * An agent is available here only if this worker also reads its job topic: one found after start, or
     * left out of a {@code dg.worker.job-topics} list, would never get a job, so it is reported as such.
     */
    private List<InstalledAgent> consumedOnly(List<InstalledAgent> agents) {
        return agents.stream().map(agent -> !agent.available() || consumed.contains(Topics.jobsFor(agent.agentId()))
                ? agent
                : new InstalledAgent(agent.agentId(), false, agent.version(), "found (" + agent.version()
                        + ") but this worker does not read " + Topics.jobsFor(agent.agentId())
                        + "; restart it to take its jobs (dg.worker.job-topics=auto finds it at start)",
                        agent.checkMs()))
                .toList();
    }

    private InstalledAgent dummyAgent() {
        long started = System.nanoTime();
        Optional<String> version = version(dummy.path());
        Long took = millisSince(started);
        return version
                .map(v -> new InstalledAgent(AgentCatalog.DUMMY, true, v, null, took))
                .orElseGet(() -> new InstalledAgent(AgentCatalog.DUMMY, false, null,
                        "`" + dummy.path() + " --version` did not answer", took));
    }

    private InstalledAgent check(AgentMetadata agent) {
        Optional<Path> binary = locator.find(agent.binary());
        if (binary.isEmpty()) {
            return new InstalledAgent(agent.id(), false, null,
                    "`" + agent.binary() + "` not found on PATH" + (agentDirs.isEmpty() ? "" : " or in " + agentDirs) + "; " + agent.installHint());
        }
        long started = System.nanoTime();
        Optional<String> version = version(binary.get());
        Long took = millisSince(started);
        // available either way (an endpoint may take no key), but health says a reference resolves to nothing
        return version
                .map(v -> new InstalledAgent(agent.id(), true, v, sandboxes.missingCredentials(agent.id()), took))
                .orElseGet(() -> new InstalledAgent(agent.id(), false, null,
                        "`" + agent.binary() + " --version` failed or took longer than "
                                + probe.timeout().toSeconds() + " s", took));
    }

    private static Long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The first non-blank line {@code <binary> --version} prints in a sandbox, if it exits 0 in time. */
    private Optional<String> version(Path binary) {
        return probe.version(binary);
    }
}
