package dev.devgodzilla.worker.way;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.worker.install.AgentDirs;
import dev.devgodzilla.worker.way.api.JulesClient;
import dev.devgodzilla.worker.way.cli.BinaryLocator;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Provides {@code dg.worker.consumed-job-topics}, the topics the job channel subscribes to, before the
 * channel starts: the list in {@code dg.worker.job-topics}, or with {@value JobTopics#AUTO} (the default)
 * the {@link JobTopics} of what this worker finds in {@code dg.worker.agent-paths} and on its PATH, in its
 * IDE settings and its Jules key. An agent installed later is reported as needing a restart, not run.
 */
public final class JobTopicsConfigFactory implements ConfigSourceFactory {
    public static final String PROPERTY = "dg.worker.consumed-job-topics";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String configured = value(context, "dg.worker.job-topics").orElse(JobTopics.AUTO).strip();
        String topics = JobTopics.AUTO.equals(configured) ? String.join(",", found(context)) : configured;
        return List.of(new PropertiesConfigSource(Map.of(PROPERTY, topics), "dg-worker-job-topics", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }

    private static List<String> found(ConfigSourceContext context) {
        List<Path> agentDirs = AgentDirs.binaryDirs(list(value(context, "dg.worker.agent-paths")));
        AgentWays ways = new AgentWays(list(value(context, "dg.worker.ide.agents")),
                value(context, JulesClient.API_KEY_PROPERTY), "");
        return JobTopics.of(AgentCatalog.all(), ways, BinaryLocator.withWorkerPath(agentDirs));
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? Optional.empty()
                : Optional.of(value.getValue());
    }

    private static List<String> list(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
