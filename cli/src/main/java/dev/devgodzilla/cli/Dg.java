package dev.devgodzilla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dg} command line: submit and follow steps, and look at agents, from a terminal. */
@Command(name = "dg", mixinStandardHelpOptions = true, version = "dg 0.1.0",
        description = "Runs steps on the DevGodzilla execution layer and shows what happened.",
        subcommands = {DemoCommand.class, StepCommands.class, AgentCommands.class, TemplateCommands.class})
public final class Dg {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Dg())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof CliException) {
                        cmd.getErr().println("dg: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        System.exit(commandLine.execute(args));
    }
}
