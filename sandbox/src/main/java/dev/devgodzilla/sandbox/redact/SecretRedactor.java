package dev.devgodzilla.sandbox.redact;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces known secret values with {@code ***}: each value as it is, URL-encoded, and base64-encoded (standard
 * and URL-safe alphabets, at each of the three alignments it can have inside a longer base64 text), also when
 * control characters ({@code \r}, backspace, terminal escape sequences) are slipped between its characters. For output
 * that arrives in chunks use {@link #stream()}: it holds back the last (longest secret length - 1) characters,
 * so a secret split across chunks is still caught. Values shorter than {@value #MIN_SECRET_LENGTH} characters
 * are ignored: masking them would garble ordinary text while hiding almost nothing.
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
                .filter(v -> v.length() >= MIN_SECRET_LENGTH).flatMap(v -> SecretForms.of(v).stream())
                .filter(v -> v.length() >= MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return secrets.isEmpty() ? NONE : new SecretRedactor(secrets);
    }

    /** True when {@code text} holds a secret in any of the forms masked. */
    public boolean reveals(String text) {
        return text != null && !secrets.isEmpty() && !redact(text).equals(text);
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
            int matched = matchAt(text, i, len);
            if (matched > 0) {
                out.append(MASK);
                i += matched;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return i;
    }

    /** How many characters of {@code text} from {@code at} a secret covers, control characters included; 0: none. */
    private int matchAt(CharSequence text, int at, int len) {
        for (String s : secrets) {
            int matched = matchLength(text, at, len, s);
            if (matched > 0) {
                return matched;
            }
        }
        return 0;
    }

    private static int matchLength(CharSequence text, int at, int len, String s) {
        int t = at;
        for (int k = 0; k < s.length(); k++) {
            // a control character slipped between two of the secret's characters does not hide it
            while (k > 0 && t < len && isSlipped(text.charAt(t)) && text.charAt(t) != s.charAt(k)) {
                t = skipSlipped(text, t, len);
            }
            if (t >= len || text.charAt(t) != s.charAt(k)) {
                return 0;
            }
            t++;
        }
        return t - at;
    }

    /** The index after the control character at {@code t}, or after the whole escape sequence it starts. */
    private static int skipSlipped(CharSequence text, int t, int len) {
        if (text.charAt(t) == '\u001b' && t + 1 < len && text.charAt(t + 1) == '[') {
            int end = t + 2;
            while (end < len && (text.charAt(end) < '@' || text.charAt(end) > '~')) {
                end++;
            }
            return Math.min(end + 1, len);
        }
        return t + 1;
    }

    private static boolean isSlipped(char c) {
        return Character.isISOControl(c) && c != '\n';
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
