package dev.devgodzilla.sandbox.backend;

import dev.devgodzilla.sandbox.limits.ResourceLimits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code prlimit ... --} prefix. prlimit execs its command in place, so the limits are inherited by
 * the whole sandbox without an extra process staying around; without limits there is no prefix at all.
 */
final class RlimitPrefix {

    private RlimitPrefix() {
    }

    static List<String> of(Path prlimit, ResourceLimits limits, boolean includeProcessCount) {
        List<String> prefix = new ArrayList<>();
        if (limits.memoryBytes() > 0) {
            prefix.add("--as=" + limits.memoryBytes());
        }
        if (limits.maxOpenFiles() > 0) {
            prefix.add("--nofile=" + limits.maxOpenFiles());
        }
        if (limits.cpuSeconds() > 0) {
            prefix.add("--cpu=" + limits.cpuSeconds());
        }
        if (includeProcessCount && limits.maxProcesses() > 0) {
            prefix.add("--nproc=" + limits.maxProcesses());
        }
        if (prefix.isEmpty()) {
            return List.of();
        }
        prefix.addFirst(prlimit.toString());
        prefix.add("--");
        return prefix;
    }
}
