package dev.devgodzilla.worker.way.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the Jules API agent, under {@code dg.worker.jules}. The API key is the agent's credential
 * {@code dg.worker.credentials.jules.JULES_API_KEY}.
 */
@ConfigMapping(prefix = "dg.worker.jules")
public interface JulesConfig {

    @WithDefault("https://jules.googleapis.com/v1alpha")
    String baseUrl();

    /** Longest wait for one HTTP response. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** Retries of a request answered with 429 or 5xx (or not answered in time). */
    @WithDefault("3")
    int maxRetries();

    /** First wait before a retry; it doubles up to {@link #retryMaxBackoff()}. */
    @WithDefault("1s")
    Duration retryBackoff();

    @WithDefault("30s")
    Duration retryMaxBackoff();

    /** How often a running session's state and activities are read. */
    @WithDefault("10s")
    Duration pollInterval();

    /** Wall-clock limit of one step when its job names none. */
    @WithDefault("60m")
    Duration stepTimeout();

    /** The source sessions work on ({@code sources/github/<owner>/<repo>}); absent means a repoless session. */
    Optional<String> source();

    /** Per project id, the source its steps work on; wins over {@link #source()}. */
    Map<String, String> projectSources();

    /** The branch sessions start from. */
    @WithDefault("main")
    String startingBranch();

    /** Whether Jules waits for its plan to be approved (the step blocks until it is). */
    @WithDefault("false")
    boolean requirePlanApproval();

    /** {@code AUTO_CREATE_PR} to have Jules open a pull request when done; absent for none. */
    Optional<String> automationMode();
}
