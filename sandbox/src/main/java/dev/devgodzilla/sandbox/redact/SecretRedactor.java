package dev.devgodzilla.sandbox.redact;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces known secret values with {@code ***}. For output that arrives in chunks use {@link #stream()}: it
 * holds back the last (longest secret length - 1) characters, so a secret split across chunks is still caught.
 * Values shorter than {@value #MIN_SECRET_LENGTH} characters are ignored: masking them would garble ordinary
 * text while hiding almost nothing.
 */
public final class SecretRedactor {

    public static final String MASK = "***";
    public static final int MIN_SECRET_LENGTH = 4;

    private static final SecretRedactor NONE = new SecretRedactor(List.of());

    /** Longest first, so that a secret containing another one is masked whole. */
    private final List<String> secrets;
    private final int maxLength;

    private SecretRedactor(List<String> secrets) {
        this.secrets = secrets;
        this.maxLength = secrets.isEmpty() ? 0 : secrets.getFirst().length();
    }

    public static SecretRedactor of(Collection<String> values) {
        List<String> secrets = values.stream().filter(Objects::nonNull)
                .filter(v -> v.length() >= MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return secrets.isEmpty() ? NONE : new SecretRedactor(secrets);
    }

    public static SecretRedactor none() {
        return NONE;
    }

    /** Redacts a complete text. */
    public String redact(String text) {
        if (secrets.isEmpty() || text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        scan(text, text.length(), out);
        return out.toString();
    }

    /** A new streaming session; one per output stream (stdout and stderr each need their own). */
    public Stream stream() {
        return new Stream();
    }

    /**
     * Appends {@code text[0, limit)} to {@code out} with secrets masked and returns the index where it stopped.
     * A match starting before {@code limit} is masked whole even if it ends after it.
     */
    private int scan(CharSequence text, int limit, StringBuilder out) {
        int i = 0;
        int len = text.length();
        while (i < limit) {
            String hit = matchAt(text, i, len);
            if (hit != null) {
                out.append(MASK);
                i += hit.length();
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return i;
    }

    private String matchAt(CharSequence text, int at, int len) {
        for (String s : secrets) {
            if (at + s.length() <= len && regionEquals(text, at, s)) {
                return s;
            }
        }
        return null;
    }

    private static boolean regionEquals(CharSequence text, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (text.charAt(at + k) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A redacting session over a sequence of chunks. Not thread-safe. */
    public final class Stream {

        private final StringBuilder pending = new StringBuilder();

        private Stream() {
        }

        /** Adds a chunk and returns the text that is now safe to emit (possibly empty). */
        public String push(String chunk) {
            if (secrets.isEmpty()) {
                return chunk;
            }
            pending.append(chunk);
            // Any secret starting before this point lies wholly inside the buffer, so it can be decided now.
            int safe = pending.length() - (maxLength - 1);
            if (safe <= 0) {
                return "";
            }
            StringBuilder out = new StringBuilder(pending.length());
            int consumed = scan(pending, safe, out);
            pending.delete(0, consumed);
            return out.toString();
        }

        /** Returns the held-back rest at the end of the stream. */
        public String flush() {
            String rest = redact(pending.toString());
            pending.setLength(0);
            return rest;
        }
    }
}
