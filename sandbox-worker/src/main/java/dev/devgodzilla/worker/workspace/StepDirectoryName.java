package dev.devgodzilla.worker.workspace;

import dev.devgodzilla.contracts.Sha256;

/**
 * The one path segment a step's own directories (workspace, artifacts, git directory) are named by: the
 * step id with anything but {@code [A-Za-z0-9._-]} replaced, then a short hash of the exact id, so that
 * ids such as {@code a:b} and {@code a_b} never share a directory.
 */
public final class StepDirectoryName {
    private static final int MAX_READABLE = 80;

    private StepDirectoryName() {
    }

    public static String of(String id) {
        String text = id == null ? "" : id;
        String readable = text.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > MAX_READABLE) {
            readable = readable.substring(0, MAX_READABLE);
        }
        // a name of dots only would be "." or ".." as a segment
        if (readable.isEmpty() || readable.chars().allMatch(c -> c == '.')) {
            readable = "step";
        }
        return readable + "-" + shortHash(text);
    }

    private static String shortHash(String text) {
        return Sha256.of(text).substring(0, 10);
    }
}
