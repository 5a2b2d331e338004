package dev.devgodzilla.worker.way.cli.parse;

import dev.devgodzilla.contracts.messages.TokenUsage;

/** Reads one agent's standard output line by line while it runs, and sums it up at the end. */
public interface StreamParser {

    /** One line of standard output, in order. */
    void accept(String line);

    /** What the lines seen so far say; called once the process has ended. */
    AgentResult result();

    /**
     * The tokens and cost the lines seen so far report, asked while the agent runs (after each line) to hold it
     * to its budget. By default what {@link #result()} would say; a parser whose stream reports usage only at its
     * end, or whose result is costly to build, says better or cheaper.
     */
    default TokenUsage usageSoFar() {
        return result().usage();
    }
}
