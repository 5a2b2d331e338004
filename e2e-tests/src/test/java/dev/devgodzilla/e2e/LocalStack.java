package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;


import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.testkit.KafkaBroker;
import dev.devgodzilla.testkit.Postgres;
import dev.devgodzilla.testkit.TestApiTokens;

/**
 * The whole layer for end-to-end tests: a real KRaft broker and a real PostgreSQL in this JVM, and
 * the four built services as separate JVMs wired to them.
 */
final class LocalStack implements AutoCloseable {
    static final String WORKER_1 = "e2e-worker-1";
    /**
     * Tracing on, as an operator turns it on (so the fault tests run with it too); {@code -Ddg.e2e.tracing=false}
     * runs the stack as shipped, which the benchmark does for its figures.
     */
    static final boolean TRACING = Boolean.parseBoolean(System.getProperty("dg.e2e.tracing", "true"));
    /**
     * The services as {@code ./dg up} runs them ({@code -Ddg.e2e.shipped=true}, the benchmark): the shipped JVM
     * options and the shipped leases, heartbeats and sweeps, instead of the suite's short ones.
     */
    static final boolean SHIPPED = Boolean.getBoolean("dg.e2e.shipped");
    private static final int FIRST_PORT = 20_000;
    private static final int PORTS_BELOW_EPHEMERAL = 12_000;
    /** Where the next free port is looked for; a random start, so that two runs on one machine rarely meet. */
    private static final AtomicInteger NEXT_PORT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(PORTS_BELOW_EPHEMERAL));
    static final String WORKER_2 = "e2e-worker-2";

    final Path root;
    final Path work;
    final KafkaBroker kafka;
    final Postgres postgres;
    /** Receives the services' spans: tracing is on in the tests' stack, as an operator would turn it on. */
    final TraceCollector traces;
    final ServiceProcess registry;
    /** Replaced by {@link #restartExecution()}. */
    volatile ServiceProcess execution;
    final ServiceProcess qa;
    private final List<ServiceProcess> workers = new ArrayList<>();

    private LocalStack(Path root, Path work, KafkaBroker kafka, Postgres postgres, TraceCollector traces,
                       ServiceProcess registry, ServiceProcess execution, ServiceProcess qa) {
        this.root = root;
        this.work = work;
        this.kafka = kafka;
        this.postgres = postgres;
        this.traces = traces;
        this.registry = registry;
        this.execution = execution;
        this.qa = qa;
    }

    static LocalStack start() throws Exception {
        Path root = Path.of(System.getProperty("dg.project.root", "..")).toAbsolutePath().normalize();
        Path work = root.resolve("e2e-tests/target/e2e");
        // a restarted service continues its log, so each run starts with none
        deleteLogs(work.resolve("logs"));
        KafkaBroker kafka = KafkaBroker.start();
        Postgres postgres = Postgres.start(null, 0);
        postgres.createDatabase("registry");
        postgres.createDatabase("execution");
        TraceCollector traces = TraceCollector.start();

        ServiceProcess registry = ServiceProcess.start(root, "registry-service", "registry-service", freePort(),
                withDatabase(common(kafka, traces), postgres, "registry"), work.resolve("logs"));
        ServiceProcess execution = ServiceProcess.start(root, "execution-service", "execution-service", freePort(),
                withDatabase(executionEnv(kafka, traces), postgres, "execution"), work.resolve("logs"));
        ServiceProcess qa = ServiceProcess.start(root, "qa-service", "qa-service", freePort(), common(kafka, traces),
                work.resolve("logs"));
        LocalStack stack = new LocalStack(root, work, kafka, postgres, traces, registry, execution, qa);
        stack.startWorker(WORKER_1);
        for (ServiceProcess service : List.of(registry, execution, qa)) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        return stack;
    }

    /** Starts a sandbox-worker JVM with the given id and waits until it is ready. */
    ServiceProcess startWorker(String workerId) throws IOException, InterruptedException {
        return startWorker(workerId, Map.of());
    }

    /** Like {@link #startWorker(String)}, with {@code extra} settings in the worker's environment. */
    ServiceProcess startWorker(String workerId, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> env = common(kafka, traces);
        env.put("DG_WORKER_ID", workerId);
        env.put("DG_WORKER_WORKSPACE_ROOT", work.resolve("workspaces").toString());
        env.put("DG_WORKER_GIT_DIR", work.resolve("git").toString());
        env.put("DG_WORKER_ARTIFACT_DIR", work.resolve("artifacts").toString());
        if (!SHIPPED) {
            env.put("DG_WORKER_HEARTBEAT_INTERVAL", "1s");
        }
        env.put("DG_WORKER_CLAIM_EXECUTION_URL", execution.baseUrl());
        env.put("DG_WORKER_CLAIM_API_TOKEN", TestApiTokens.OPERATOR);
        env.putAll(extra);
        ServiceProcess worker = ServiceProcess.start(root, "sandbox-worker", workerId, freePort(), env,
                work.resolve("logs"));
        workers.add(worker);
        worker.awaitReady(Duration.ofSeconds(120));
        return worker;
    }

    /** Starts the stack's first worker again when a test left no worker alive, for the tests after it. */
    void ensureAWorker() throws IOException, InterruptedException {
        if (aliveWorkers().isEmpty()) {
            restartWorker(WORKER_1);
        }
    }

    /** Restarts worker {@code workerId} with the same id, port and settings; returns once it is ready again. */
    ServiceProcess restartWorker(String workerId) throws IOException, InterruptedException {
        ServiceProcess old = worker(workerId);
        ServiceProcess again = old.restart();
        workers.set(workers.indexOf(old), again);
        return again;
    }

    /** Restarts execution-service on its port, as a rolling update would; returns once it is ready again. */
    void restartExecution() throws IOException, InterruptedException {
        execution = execution.restart();
    }

    /** The step's state as execution-service's REST API shows it, or "" for a step it does not know. */
    String state(String stepId) {
        var response = given().baseUri(execution.baseUrl()).get("/steps/{id}", stepId);
        return response.statusCode() == 200 ? response.path("state") : "";
    }

    /** The number of the step's current attempt. */
    int attempt(String stepId) {
        return given().baseUri(execution.baseUrl()).get("/steps/{id}", stepId).then().statusCode(200)
                .extract().<Integer>path("attempt");
    }

    /**
     * Starts worker {@code workerId} with a slot for each of {@code count} steps, makes it the only worker,
     * submits the steps with {@code script} for the dummy agent and returns their ids once all have started.
     */
    List<String> runStepsOnOneWorker(BusClient bus, String workerId, int count, String script) throws Exception {
        startWorker(workerId, Map.of("DG_WORKER_CAPACITY", Integer.toString(count)));
        keepOnlyWorkers(List.of(workerId));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String stepId = PipelineIT.newStepId();
            ids.add(stepId);
            bus.publish(StepRequest.of(stepId, "dummy", script).withQaCommand("true"));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream().allMatch(id -> !bus.stepEvents(id, StepStarted.class).isEmpty()));
        return ids;
    }

    /** Kills every worker but {@code kept}, so only those take jobs from here on. */
    void keepOnlyWorkers(List<String> kept) throws InterruptedException {
        for (ServiceProcess worker : aliveWorkers()) {
            if (!kept.contains(worker.name())) {
                worker.kill();
            }
        }
    }

    List<ServiceProcess> aliveWorkers() {
        return workers.stream().filter(ServiceProcess::isAlive).toList();
    }

    ServiceProcess worker(String workerId) {
        return workers.stream().filter(w -> w.name().equals(workerId)).findFirst().orElseThrow();
    }

    private static Map<String, String> common(KafkaBroker kafka, TraceCollector traces) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DG_AUTH_TOKENS", TestApiTokens.OPERATOR);
        if (TRACING) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
        }
        return env;
    }

    /** Short leases and backoffs, so worker loss and retries show within the test's patience. */
    private static Map<String, String> executionEnv(KafkaBroker kafka, TraceCollector traces) {
        Map<String, String> env = common(kafka, traces);
        if (SHIPPED) {
            return env;
        }
        env.put("DG_EXECUTION_LEASE_TTL", "6s");
        env.put("DG_EXECUTION_LEASE_GRACE", "3s");
        // a job taken by a worker that died before it claimed the attempt is dispatched again after this
        env.put("DG_EXECUTION_DISPATCH_TIMEOUT", "45s");
        env.put("DG_EXECUTION_RETRY_BACKOFF", "1s");
        env.put("DG_EXECUTION_SWEEP_INTERVAL", "1s");
        return env;
    }

    private static Map<String, String> withDatabase(Map<String, String> env, Postgres postgres, String database) {
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        return env;
    }

    private static void deleteLogs(Path logs) throws IOException {
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    Files.delete(log);
                }
            }
        }
    }

    /**
     * A port that is free now, taken below Linux's ephemeral range (32768 and up): a port from that range, handed
     * to a service that binds it seconds later, can meanwhile become the local end of some client's connection
     * (a Kafka client's, say), and the service then fails to start.
     */
    private static int freePort() throws IOException {
        for (int tries = 0; tries < PORTS_BELOW_EPHEMERAL; tries++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS_BELOW_EPHEMERAL);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: the next one
            }
        }
        throw new IOException("no free port in " + FIRST_PORT + ".." + (FIRST_PORT + PORTS_BELOW_EPHEMERAL - 1));
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess worker : workers) {
            worker.close();
        }
        for (ServiceProcess service : List.of(qa, execution, registry)) {
            service.close();
        }
        kafka.close();
        postgres.close();
        traces.close();
    }
}
