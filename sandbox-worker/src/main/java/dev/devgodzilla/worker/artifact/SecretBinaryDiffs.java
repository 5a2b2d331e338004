package dev.devgodzilla.worker.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;


import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.sandbox.redact.SecretRedactor;

/**
 * Keeps secrets out of the binary parts of a diff: git encodes a binary file's new content in base85,
 * where no masking of text can find a secret, so the patch of a binary file whose content holds one is
 * replaced by a line saying it was left out.
 */
final class SecretBinaryDiffs {
    private static final String SECTION = "diff --git ";
    private static final String BINARY = "\nGIT binary patch\n";

    private SecretBinaryDiffs() {
    }

    static String withoutSecrets(String diff, Path workspace, List<ChangedFile> files, SecretRedactor redactor) {
        if (!diff.contains(BINARY)) {
            return diff;
        }
        StringBuilder out = new StringBuilder(diff.length());
        int at = 0;
        while (at < diff.length()) {
            int next = diff.indexOf("\n" + SECTION, at);
            int end = next < 0 ? diff.length() : next + 1;
            String section = diff.substring(at, end);
            out.append(section.contains(BINARY) && holdsSecret(section, workspace, files, redactor)
                    ? section.substring(0, section.indexOf('\n') + 1) + "Binary file not shown: it holds a secret\n"
                    : section);
            at = end;
        }
        return out.toString();
    }

    private static boolean holdsSecret(String section, Path workspace, List<ChangedFile> files,
                                       SecretRedactor redactor) {
        String header = section.substring(0, section.indexOf('\n'));
        for (ChangedFile file : files) {
            if (header.equals(SECTION + "a/" + file.path() + " b/" + file.path())) {
                return contentHoldsSecret(workspace.resolve(file.path()), redactor);
            }
        }
        // a section we cannot match to a file is left out rather than risked
        return true;
    }

    private static boolean contentHoldsSecret(Path file, SecretRedactor redactor) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            // byte for byte, so a secret among binary data is found as the text it was written as
            return redactor.reveals(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return true;
        }
    }
}
