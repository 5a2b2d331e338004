package dev.devgodzilla.worker.way.ide;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of steps handed to IDE agents, under {@code dg.worker.ide}. */
@ConfigMapping(prefix = "dg.worker.ide")
public interface IdeConfig {

    /** How often the result files of pending IDE steps are looked at. */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * Where the hand-offs this worker follows are kept (in a directory of its id), so that it follows them on
     * after a restart; that needs a worker id that stays the same over restarts ({@code dg.worker.id}, e.g. a
     * StatefulSet's pod name), which the default {@code <hostname>-<pid>} does not.
     */
    @WithDefault("${java.io.tmpdir}/dg/ide-handoffs")
    String stateDir();

    /** How long a step may wait for its IDE agent before it fails. */
    @WithDefault("24h")
    Duration maxWait();

    /**
     * Agents with a headless CLI (copilot, cursor, kilocode) whose steps this worker hands to the IDE
     * instead of running the CLI, e.g. {@code copilot,cursor}. Agents that only live in an IDE
     * (windsurf, roo, bob) are always handed over and need not be listed; any other agent with a command
     * directory may be listed as well. Default: none.
     */
    Optional<List<String>> agents();
}
