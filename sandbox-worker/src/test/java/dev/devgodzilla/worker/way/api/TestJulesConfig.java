package dev.devgodzilla.worker.way.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Jules settings for tests: fast retries and polls against a fake server. */
record TestJulesConfig(String baseUrl, Duration requestTimeout, int maxRetries, Duration pollInterval,
                       Optional<String> source) implements JulesConfig {

    static TestJulesConfig of(String baseUrl) {
        return new TestJulesConfig(baseUrl, Duration.ofSeconds(2), 3, Duration.ofMillis(20),
                Optional.of("sources/github/acme/shop"));
    }

    TestJulesConfig withRequestTimeout(Duration timeout) {
        return new TestJulesConfig(baseUrl, timeout, maxRetries, pollInterval, source);
    }

    @Override
    public Duration retryBackoff() {
        return Duration.ofMillis(10);
    }

    @Override
    public Duration retryMaxBackoff() {
        return Duration.ofMillis(40);
    }

    @Override
    public Duration stepTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Map<String, String> projectSources() {
        return Map.of();
    }

    @Override
    public String startingBranch() {
        return "main";
    }

    @Override
    public boolean requirePlanApproval() {
        return false;
    }

    @Override
    public Optional<String> automationMode() {
        return Optional.of("AUTO_CREATE_PR");
    }
}
