package dev.devgodzilla.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's infrastructure in one JVM: a KRaft Kafka broker and a PostgreSQL server with a
 * database per service. Writes the addresses as shell variables to the file named by the first
 * argument and runs until it is stopped.
 *
 * <p>Arguments: {@code <env-file> [--postgres-data DIR] [--no-kafka] [--no-postgres]}.
 */
public final class LocalInfrastructure {
    static final List<String> DATABASES = List.of("registry", "execution");

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: LocalInfrastructure <env-file> [--postgres-data DIR] [--no-kafka] [--no-postgres]");
            System.exit(2);
        }
        Path envFile = Path.of(args[0]);
        Path pgData = null;
        boolean kafka = true;
        boolean postgres = true;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--postgres-data" -> pgData = Path.of(args[++i]);
                case "--no-kafka" -> kafka = false;
                case "--no-postgres" -> postgres = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }

        List<AutoCloseable> running = new ArrayList<>();
        List<String> env = new ArrayList<>();
        if (kafka) {
            KafkaBroker broker = KafkaBroker.start();
            running.add(broker);
            env.add("KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
        }
        if (postgres) {
            Postgres pg = Postgres.start(pgData, 0);
            running.add(pg);
            DATABASES.forEach(pg::createDatabase);
            env.add("DG_POSTGRES_PORT=" + pg.port());
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : running.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
            stopped.countDown();
        }));

        Files.createDirectories(envFile.toAbsolutePath().getParent());
        Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.write(tmp, env);
        Files.move(tmp, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("infrastructure ready: " + String.join(" ", env));
        stopped.await();
    }
}
