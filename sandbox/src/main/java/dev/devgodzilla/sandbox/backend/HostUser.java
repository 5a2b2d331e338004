package dev.devgodzilla.sandbox.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the user the worker runs as. */
public final class HostUser {

    private HostUser() {
    }

    /** True when the JVM runs as uid 0, for which the kernel does not enforce RLIMIT_NPROC. */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
