package dev.devgodzilla.worker.dispatch;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.AttemptReporter;
import dev.devgodzilla.worker.attempt.AttemptRunner;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.way.AgentWays;

/**
 * Sends each attempt to the runner of its agent's way ({@link AgentWays} decides, from the catalogue and
 * the configuration), and step commands to the runners that follow attempts without a slot.
 */
@ApplicationScoped
public class AttemptRouter {
    private final AgentWays ways;
    private final Map<Way, AttemptRunner> runners = new EnumMap<>(Way.class);
    private final AttemptReporter reporter;

    @Inject
    public AttemptRouter(AgentWays ways, Instance<AttemptRunner> runners, AttemptReporter reporter) {
        this(ways, runners.stream().toList(), reporter);
    }

    public AttemptRouter(AgentWays ways, List<AttemptRunner> runners, AttemptReporter reporter) {
        this.ways = ways;
        this.reporter = reporter;
        for (AttemptRunner runner : runners) {
            if (this.runners.put(runner.way(), runner) != null) {
                throw new IllegalStateException("two runners for the " + runner.way() + " way");
            }
        }
        for (Way way : Way.values()) {
            if (!this.runners.containsKey(way)) {
                throw new IllegalStateException("no runner for the " + way + " way");
            }
        }
    }

    /**
     * Runs {@code attempt} and publishes its events; never throws. A CLI or Jules attempt runs on the
     * calling thread until its terminal event; an IDE attempt returns once handed over, which frees its
     * slot (the IDE may take a day) while its terminal event comes later.
     */
    void run(Attempt attempt) {
        // an older attempt of the step followed without a slot must not report over this one
        runners.values().forEach(runner -> runner.supersede(attempt.job()));
        runners.get(ways.of(attempt.job().agentId())).run(attempt);
    }

    /** Cancels an attempt that some runner follows without a slot; true if there was one. */
    public boolean cancelHandedOver(String stepId, int attempt) {
        boolean found = false;
        for (AttemptRunner runner : runners.values()) {
            found |= runner.cancelHandedOver(stepId, attempt);
        }
        return found;
    }

    /** The attempts runners follow without a slot, for the heartbeats. */
    public List<AttemptRef> handedOverRefs() {
        return runners.values().stream().flatMap(runner -> runner.handedOver().stream()).toList();
    }

    /** Completes an attempt some runner follows without a slot as told through execution-service. */
    public boolean completeHandedOver(String stepId, String outcome, String summary, String question) {
        boolean found = false;
        for (AttemptRunner runner : runners.values()) {
            found |= runner.completeHandedOver(stepId, outcome, summary, question);
        }
        return found;
    }

    /** Reports an attempt that will not run because the worker is stopping, so it is retried elsewhere. */
    void refuseForShutdown(SandboxJob job) {
        reporter.refuseForShutdown(job);
    }
}
