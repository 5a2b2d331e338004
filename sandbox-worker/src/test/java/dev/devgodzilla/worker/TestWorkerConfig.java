package dev.devgodzilla.worker;

import java.time.Duration;
import java.util.Map;


import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.way.JobTopicsConfigFactory;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The worker's typed settings outside Quarkus: its defaults, with {@code properties} over them. */
public final class TestWorkerConfig {
    private TestWorkerConfig() {
    }

    public static WorkerConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WorkerConfig.class)
                .withDefaultValues(properties)
                // the job topics worked out as the service works them out
                .withSources(new JobTopicsConfigFactory())
                // durations as Quarkus reads them ("5s"), and ${java.io.tmpdir} in the defaults
                .withConverter(Duration.class, 200, new DurationConverter())
                .addSystemSources()
                .addDefaultInterceptors()
                .build();
        return config.getConfigMapping(WorkerConfig.class);
    }
}
