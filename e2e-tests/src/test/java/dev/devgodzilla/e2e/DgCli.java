package dev.devgodzilla.e2e;

import dev.devgodzilla.testkit.TestApiTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line as {@code ./dg} starts it (the built cli jar), pointed at a local stack with its API token. */
final class DgCli {
    private DgCli() {
    }

    /** What one command printed and how it ended, and how long it took. */
    record Run(int exitCode, String out, String err, long millis) {
        String describe() {
            return "exit " + exitCode + " after " + millis + " ms\nout: " + out + "\nerr: " + err;
        }
    }

    static Run run(LocalStack stack, String... args) throws IOException, InterruptedException {
        Path cli = stack.root.resolve("cli/target");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", cli.resolve("cli-0.1.0-SNAPSHOT.jar") + ":" + cli.resolve("lib") + "/*",
                "dev.devgodzilla.cli.Dg"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DG_REGISTRY_URL", stack.registry.baseUrl());
        builder.environment().put("DG_EXECUTION_URL", stack.execution.baseUrl());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka.bootstrapServers());
        builder.environment().put("DG_API_TOKEN", TestApiTokens.OPERATOR);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end: " + command);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), (System.nanoTime() - started) / 1_000_000);
    }
}
