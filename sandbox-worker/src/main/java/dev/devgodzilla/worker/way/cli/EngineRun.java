package dev.devgodzilla.worker.way.cli;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * One prepared run: the command line, its environment, the parser its standard output goes through,
 * and a last look after the process has ended (e.g. Copilot's token counts in its session log).
 */
public record EngineRun(List<String> command, Map<String, String> environment, StreamParser parser,
                        UnaryOperator<AgentResult> afterExit) {

    public EngineRun {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        afterExit = afterExit == null ? UnaryOperator.identity() : afterExit;
    }

    public EngineRun(List<String> command, Map<String, String> environment, StreamParser parser) {
        this(command, environment, parser, null);
    }

    /** The parsed result, completed by the after-exit look; call once the process has ended. */
    public AgentResult result() {
        return afterExit.apply(parser.result());
    }
}
