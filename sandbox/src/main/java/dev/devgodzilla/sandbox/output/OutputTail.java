package dev.devgodzilla.sandbox.output;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The last part of a command's output: kept in memory while it runs (for block detection and events),
 * or read from the end of a (possibly huge) output file afterwards. Either way it is bounded.
 */
public final class OutputTail {
    private final int capacity;
    private final StringBuilder text = new StringBuilder();

    public OutputTail(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public synchronized void add(String line) {
        text.append(line).append('\n');
        // Trim in bulk, not per line, so a long output costs amortised constant time per line.
        if (text.length() > 2 * capacity) {
            text.delete(0, text.length() - capacity);
        }
    }

    /** The last {@code chars} characters at most. */
    public synchronized String last(int chars) {
        int from = Math.max(0, text.length() - Math.min(chars, capacity));
        return text.substring(from);
    }

    /** The last {@code maxChars} characters of {@code file}, stripped, with "..." when cut. */
    public static String ofFile(Path file, int maxChars) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            // UTF-8 is at most 4 bytes a character; read enough bytes and trim to characters after decoding.
            long from = Math.max(0, length - 4L * maxChars);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
