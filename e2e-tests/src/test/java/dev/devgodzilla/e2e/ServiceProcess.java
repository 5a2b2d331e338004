package dev.devgodzilla.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One built service (its Quarkus fast-jar) running as a separate JVM, as it runs in production. */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final ProcessBuilder builder;

    private ServiceProcess(String name, int port, Process process, Path log, ProcessBuilder builder) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.builder = builder;
    }

    /** Starts {@code module}'s jar with {@code env} on {@code port}, logging to {@code logDir}. */
    static ServiceProcess start(Path projectRoot, String module, String name, int port, Map<String, String> env,
                                Path logDir) throws IOException {
        Path jar = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn package)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ServiceJvm.options(projectRoot));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(name, port, builder.start(), log, builder);
    }

    /**
     * Stops this service as an orchestrator would (SIGTERM, SIGKILL after 20 s) and starts it again with the
     * same settings on the same port, its log continued; the new process is returned once ready.
     */
    ServiceProcess restart() throws IOException, InterruptedException {
        close();
        ServiceProcess again = new ServiceProcess(name, port, builder.start(), log, builder);
        again.awaitReady(Duration.ofSeconds(120));
        return again;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the end of the service's log. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the port is not open yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail());
    }

    /** Kills the JVM and everything it started at once, as a crash of its machine would. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGKILLs the JVM alone, as a crash would, and returns the processes it had started (its sandboxes),
     * which must now die on their own.
     */
    List<ProcessHandle> killJvmOnly() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor();
        return children;
    }

    /**
     * Whether a process still runs: one that has exited but waits for its new parent (init) to reap it
     * (a zombie, state Z) holds nothing and runs nothing.
     */
    static boolean runs(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    String logTail() throws IOException {
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }
}
