package dev.devgodzilla.worker.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
