package dev.devgodzilla.sandbox.redact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms a secret value takes when an agent encodes it: URL-encoded, and base64 in both alphabets. A
 * value inside a longer base64 text is encoded together with its neighbours, so for each of the three
 * byte alignments it can have, only the characters that depend on the value alone are kept.
 */
final class SecretForms {
    /** Encoded forms shorter than this would match ordinary base64 by chance. */
    private static final int MIN_ENCODED_LENGTH = 8;

    private SecretForms() {
    }

    static List<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            String core = base64Core(bytes, offset);
            if (core.length() >= MIN_ENCODED_LENGTH) {
                forms.add(core);
                forms.add(core.replace('+', '-').replace('/', '_'));
            }
        }
        return List.copyOf(forms);
    }

    /**
     * The part of a base64 text that encodes only {@code bytes} when they start {@code offset} bytes into a
     * three-byte group: characters shared with a neighbour byte are left out at both ends.
     */
    private static String base64Core(byte[] bytes, int offset) {
        byte[] shifted = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, shifted, offset, bytes.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int from = offset == 0 ? 0 : offset == 1 ? 2 : 3;
        int to = (shifted.length / 3) * 4;
        return from < to ? encoded.substring(from, to) : "";
    }
}
