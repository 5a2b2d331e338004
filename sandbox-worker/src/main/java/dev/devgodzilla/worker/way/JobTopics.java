package dev.devgodzilla.worker.way;

import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.way.cli.BinaryLocator;

/**
 * The job topics of the agents this worker can run: the dummy, every CLI agent whose binary it finds, the
 * IDE agents it can hand steps over to, and Jules when it has the key. A worker reads exactly these, so an
 * agent counts as available only where some worker will take its jobs.
 */
public final class JobTopics {
    /** The value of {@code dg.worker.job-topics} that asks for the topics to be found, not listed. */
    public static final String AUTO = "auto";

    private JobTopics() {
    }

    public static List<String> of(List<AgentMetadata> catalogue, AgentWays ways, BinaryLocator binaries) {
        List<String> topics = new ArrayList<>();
        for (AgentMetadata agent : catalogue) {
            if (runsHere(agent, ways, binaries)) {
                topics.add(Topics.jobsFor(agent.id()));
            }
        }
        return topics;
    }

    private static boolean runsHere(AgentMetadata agent, AgentWays ways, BinaryLocator binaries) {
        if (AgentCatalog.DUMMY.equals(agent.id())) {
            return true;
        }
        Way way = ways.of(agent);
        if (way == Way.CLI) {
            return binaries.find(agent.binary()).isPresent();
        }
        return ways.availability(agent).map(a -> a.available()).orElse(false);
    }
}
