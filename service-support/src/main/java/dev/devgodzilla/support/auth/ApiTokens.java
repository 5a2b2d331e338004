package dev.devgodzilla.support.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import dev.devgodzilla.contracts.Sha256;

/**
 * The configured tokens, kept only as SHA-256 digests and compared in constant time, so neither a heap dump
 * nor the timing of a refusal gives a token away.
 */
public final class ApiTokens {
    private final List<byte[]> writeDigests;
    private final List<byte[]> readDigests;

    public ApiTokens(List<String> writeTokens, List<String> readTokens) {
        this.writeDigests = digests(writeTokens);
        this.readDigests = digests(readTokens);
    }

    public boolean none() {
        return writeDigests.isEmpty() && readDigests.isEmpty();
    }

    /** The access an {@code Authorization} header value grants; anything but {@code Bearer <token>} grants none. */
    public Access accessOf(String authorization) {
        String token = bearerToken(authorization);
        if (token == null) {
            return Access.NONE;
        }
        byte[] digest = digest(token);
        if (matchesAny(digest, writeDigests)) {
            return Access.WRITE;
        }
        return matchesAny(digest, readDigests) ? Access.READ : Access.NONE;
    }

    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static boolean matchesAny(byte[] digest, List<byte[]> known) {
        boolean match = false;
        for (byte[] candidate : known) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    private static List<byte[]> digests(List<String> tokens) {
        return tokens.stream().map(String::strip).filter(t -> !t.isEmpty()).map(ApiTokens::digest).toList();
    }

    private static byte[] digest(String token) {
        return Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
