package dev.devgodzilla.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the services of a test stack run with. The suite's stack starts many short-lived
 * services, so by default it trades peak speed for start-up (C1 only, a smaller heap); with
 * {@code -Ddg.e2e.shipped=true} (the benchmark) they run with {@code deploy/service-jvm.options}, the options
 * {@code ./dg up}, compose and the Kubernetes manifests give them; {@code -Ddg.e2e.jvm-options} replaces either.
 */
final class ServiceJvm {
    private static final List<String> SUITE = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
    static final String SHIPPED_FILE = "deploy/service-jvm.options";

    private ServiceJvm() {
    }

    static List<String> options(Path projectRoot) {
        String override = System.getProperty("dg.e2e.jvm-options");
        if (override != null && !override.isBlank()) {
            return split(override);
        }
        return LocalStack.SHIPPED ? shipped(projectRoot) : SUITE;
    }

    /** The options of {@code deploy/service-jvm.options}: its line that is no comment, split at spaces. */
    static List<String> shipped(Path projectRoot) {
        try {
            return split(String.join(" ", Files.readAllLines(projectRoot.resolve(SHIPPED_FILE)).stream()
                    .filter(line -> !line.startsWith("#")).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED_FILE, e);
        }
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.strip().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }
}
