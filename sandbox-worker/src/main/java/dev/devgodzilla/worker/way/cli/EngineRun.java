package dev.devgodzilla.worker.way.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;


import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;
import dev.devgodzilla.worker.way.cli.process.ProcessSpec;

/**
 * One prepared run: the command line, its environment, the parser its standard output goes through,
 * a last look after the process has ended (e.g. Copilot's token counts in its session log), and what
 * the agent reads on standard input (its prompt, for CLIs that take it there), or null.
 */
public record EngineRun(List<String> command, Map<String, String> environment, StreamParser parser,
                        UnaryOperator<AgentResult> afterExit, String stdin) {

    public EngineRun {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        afterExit = afterExit == null ? UnaryOperator.identity() : afterExit;
    }

    public EngineRun(List<String> command, Map<String, String> environment, StreamParser parser) {
        this(command, environment, parser, null, null);
    }

    public EngineRun(List<String> command, Map<String, String> environment, StreamParser parser,
                     UnaryOperator<AgentResult> afterExit) {
        this(command, environment, parser, afterExit, null);
    }

    /** The process of this run in {@code workingDir} under the given limits, its stdin included. */
    public ProcessSpec spec(Path workingDir, Duration timeout, Duration idleTimeout, Duration killGrace) {
        return new ProcessSpec(command, workingDir, environment, timeout, idleTimeout, killGrace, stdin);
    }

    /** The parsed result, completed by the after-exit look; call once the process has ended. */
    public AgentResult result() {
        return afterExit.apply(parser.result());
    }
}
