package dev.devgodzilla.worker.way.cli.parse;

/** Reads one agent's standard output line by line while it runs, and sums it up at the end. */
public interface StreamParser {

    /** One line of standard output, in order. */
    void accept(String line);

    /** What the lines seen so far say; called once the process has ended. */
    AgentResult result();
}
