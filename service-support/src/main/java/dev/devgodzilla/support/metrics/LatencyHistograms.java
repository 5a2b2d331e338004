package dev.devgodzilla.support.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * The layer's own timers ({@code dg.*}) publish histogram buckets, so that dashboards and alerts can ask for
 * percentiles across instances ({@code histogram_quantile} over {@code _bucket}), which a mean and a max cannot
 * give. The buckets span 5 ms to 4 h: from a step's start wait to the longest agent run.
 */
@Singleton
public class LatencyHistograms {
    private static final double MIN_NANOS = Duration.ofMillis(5).toNanos();
    private static final double MAX_NANOS = Duration.ofHours(4).toNanos();

    @Produces
    @Singleton
    public MeterFilter layerTimerHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("dg.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue(MIN_NANOS)
                        .maximumExpectedValue(MAX_NANOS)
                        .build()
                        .merge(config);
            }
        };
    }
}
