package dev.devgodzilla.worker.sandbox;

import java.nio.file.Path;

/**
 * The private HOME of one run: where the worker writes the agent's config files on the host, and the
 * path the agent sees for the same directory inside its sandbox.
 *
 * @param hostDir    the directory on the worker's file system
 * @param visibleDir the same directory as the agent sees it (its HOME)
 */
public record RunHome(Path hostDir, String visibleDir) {

    /** A path below HOME on the host. */
    public Path host(String relative) {
        return hostDir.resolve(relative);
    }

    /** The same path as the agent sees it. */
    public String visible(String relative) {
        return visibleDir.endsWith("/") ? visibleDir + relative : visibleDir + "/" + relative;
    }
}
