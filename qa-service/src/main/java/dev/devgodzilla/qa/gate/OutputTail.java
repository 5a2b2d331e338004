package dev.devgodzilla.qa.gate;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads the end of a (possibly huge) output file. */
final class OutputTail {
    private OutputTail() {
    }

    static String read(Path file, int maxChars) {
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
