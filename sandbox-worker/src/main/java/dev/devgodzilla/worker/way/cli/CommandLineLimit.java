package dev.devgodzilla.worker.way.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Linux refuses to start a program with one argument longer than {@value #MAX_ARGUMENT_BYTES} bytes
 * (MAX_ARG_STRLEN, with its terminating NUL): a CLI that takes its prompt as an argument cannot take a
 * longer one. This says so before the start fails with a bare "Argument list too long".
 */
final class CommandLineLimit {
    static final int MAX_ARGUMENT_BYTES = 128 * 1024 - 1;

    private CommandLineLimit() {
    }

    static void check(String agentName, List<String> command) {
        for (String argument : command) {
            int bytes = argument.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_ARGUMENT_BYTES) {
                throw new ArgumentTooLongException(agentName + " takes its prompt as a command-line argument, and "
                        + "this one is " + bytes + " bytes: Linux allows at most " + MAX_ARGUMENT_BYTES
                        + " bytes in one argument; shorten the prompt or use an agent that reads it on stdin");
            }
        }
    }

    /** A command line that cannot be started as it is. */
    public static final class ArgumentTooLongException extends IllegalArgumentException {
        ArgumentTooLongException(String message) {
            super(message);
        }
    }
}
