package dev.devgodzilla.worker.artifact;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;


import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.workspace.WorkspaceChanges;

/**
 * Writes the {@code changes.diff} artifact from the patch git wrote, a line at a time, so a patch of any
 * size passes through a small buffer: secrets masked in its text, and the binary patch of a file whose
 * content holds a secret left out (git encodes it in base85, where no masking of text can find one). A
 * patch cut at its size limit ends with a line that says so.
 */
final class DiffArtifact {
    private static final String SECTION = "diff --git ";
    private static final String BINARY = "GIT binary patch\n";
    /** A binary file larger than this is not read to look for a secret; its patch is left out. */
    private static final long MAX_SCANNED_BYTES = 64L * 1024 * 1024;

    private final Path workspace;
    private final SecretRedactor redactor;
    /** Changed files by the header line git starts their section with. */
    private final Map<String, ChangedFile> bySectionHeader = new HashMap<>();

    private DiffArtifact(WorkspaceChanges changes, Path workspace, SecretRedactor redactor) {
        this.workspace = workspace;
        this.redactor = redactor;
        for (ChangedFile file : changes.files()) {
            bySectionHeader.put(SECTION + "a/" + file.path() + " b/" + file.path() + "\n", file);
        }
    }

    static void write(WorkspaceChanges changes, Path workspace, SecretRedactor redactor, Path out, long maxBytes) {
        new DiffArtifact(changes, workspace, redactor).copy(changes, out, maxBytes);
    }

    private void copy(WorkspaceChanges changes, Path out, long maxBytes) {
        // git's bytes as UTF-8 with malformed input replaced, as the patch is shown anywhere else
        try (Reader in = new InputStreamReader(Files.newInputStream(changes.diff()), StandardCharsets.UTF_8);
             Writer diff = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Lines lines = new Lines(in);
            String header = null;
            boolean leftOut = false;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.startsWith(SECTION)) {
                    header = line;
                    leftOut = false;
                } else if (leftOut) {
                    continue;
                } else if (line.equals(BINARY) && holdsSecret(header)) {
                    diff.write("Binary file not shown: it holds a secret\n");
                    leftOut = true;
                    continue;
                }
                diff.write(redactor.redact(line));
            }
            if (changes.diffCut()) {
                diff.write("\n[diff cut at " + maxBytes + " bytes (dg.worker.max-diff-bytes, within"
                        + " dg.worker.max-artifact-bytes); every changed file is listed in the manifest]\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + out, e);
        }
    }

    private boolean holdsSecret(String header) {
        ChangedFile file = header == null ? null : bySectionHeader.get(header);
        if (file == null) {
            // a section we cannot match to a file is left out rather than risked
            return true;
        }
        Path content = workspace.resolve(file.path());
        try {
            if (!Files.isRegularFile(content, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (Files.size(content) > MAX_SCANNED_BYTES) {
                return true;
            }
            // byte for byte, so a secret among binary data is found as the text it was written as
            return redactor.reveals(new String(Files.readAllBytes(content), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The patch's lines, each with its {@code \n}: only {@code \n} ends a line of a patch, so a {@code \r}
     * inside one (which {@link java.io.BufferedReader#readLine()} would split at) stays where it was, and a
     * secret split by it is still one line to mask.
     */
    private static final class Lines {
        private final Reader in;
        private final char[] buffer = new char[64 * 1024];
        private int position;
        private int limit;

        Lines(Reader in) {
            this.in = in;
        }

        String next() throws IOException {
            StringBuilder line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line == null ? null : line.toString();
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                boolean ended = position < limit;
                if (ended) {
                    position++;
                }
                if (line == null) {
                    line = new StringBuilder(position - start + 16);
                }
                line.append(buffer, start, position - start);
                if (ended) {
                    return line.toString();
                }
            }
        }
    }
}
