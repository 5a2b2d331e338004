package dev.devgodzilla.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services' JVM options are one line, {@code deploy/service-jvm.options}, wherever they run: what {@code ./dg up}
 * starts them with, each image's default {@code JAVA_OPTS}, and every {@code JAVA_OPTS} compose or the Kubernetes
 * manifests set.
 */
class ServiceJvmOptionsTest {
    private static final List<String> SERVICES = List.of("registry-service", "execution-service", "qa-service",
            "sandbox-worker");
    private static final Pattern IMAGE_JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");

    @Test
    void everyImageStartsItsServiceWithTheShippedOptions() throws IOException {
        String shipped = shipped();
        for (String service : SERVICES) {
            String dockerfile = Files.readString(Repository.ROOT.resolve(service).resolve("Dockerfile"));
            Matcher options = IMAGE_JAVA_OPTS.matcher(dockerfile);
            assertThat(options.find()).as("%s/Dockerfile sets JAVA_OPTS", service).isTrue();
            assertThat(options.group(1)).as("%s/Dockerfile's JAVA_OPTS", service).isEqualTo(shipped);
        }
    }

    @Test
    void composeAndKubernetesSetNoOtherOptions() throws IOException {
        String shipped = shipped();
        List<String> set = new ArrayList<>();
        YamlFiles.readOne(Repository.ROOT.resolve("docker-compose.yml")).path("services").properties()
                .forEach(service -> {
                    JsonNode options = service.getValue().path("environment").path("JAVA_OPTS");
                    if (!options.isMissingNode()) {
                        set.add(options.asText());
                    }
                });
        try (var manifests = Files.list(Repository.ROOT.resolve("deploy/k8s"))) {
            for (Path manifest : manifests.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (JsonNode document : YamlFiles.readAll(manifest)) {
                    document.findValues("env").forEach(env -> env.forEach(variable -> {
                        if ("JAVA_OPTS".equals(variable.path("name").asText())) {
                            set.add(variable.path("value").asText());
                        }
                    }));
                }
            }
        }
        assertThat(set).as("JAVA_OPTS in docker-compose.yml and deploy/k8s").isNotEmpty().containsOnly(shipped);
    }

    @Test
    void theLocalStackStartsTheServicesWithTheFile() throws IOException {
        assertThat(Files.readString(Repository.ROOT.resolve("dg")))
                .contains("java $(grep -v \"^#\" \"$ROOT/deploy/service-jvm.options\") -jar");
    }

    /** The file's one line that is not a comment. */
    static String shipped() throws IOException {
        List<String> lines = Files.readAllLines(Repository.ROOT.resolve("deploy/service-jvm.options")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        assertThat(lines).as("deploy/service-jvm.options holds one line of options").hasSize(1);
        return lines.getFirst().strip();
    }
}
