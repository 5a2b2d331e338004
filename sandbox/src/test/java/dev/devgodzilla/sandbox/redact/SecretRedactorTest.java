package dev.devgodzilla.sandbox.redact;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.List;


import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final SecretRedactor redactor = SecretRedactor.of(List.of("sk-ant-12345", "hunter22", "ab"));

    @Test
    void redactsWholeText() {
        assertThat(redactor.redact("key=sk-ant-12345 pw=hunter22 end")).isEqualTo("key=*** pw=*** end");
    }

    @Test
    void ignoresTooShortValues() {
        assertThat(redactor.redact("ab cab")).isEqualTo("ab cab");
    }

    @Test
    void secretSplitAcrossChunksIsRedacted() {
        SecretRedactor.Stream s = redactor.stream();
        StringBuilder out = new StringBuilder();

        // the secret arrives in three pieces
        out.append(s.push("token: sk-an"));
        out.append(s.push("t-12"));
        out.append(s.push("345 and hun"));
        out.append(s.push("ter22!"));
        out.append(s.flush());

        assertThat(out).hasToString("token: *** and ***!");
    }

    @Test
    void everySplitPointIsSafe() {
        String text = "a sk-ant-12345 b hunter22 c sk-ant-12345";
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j++) {
                SecretRedactor.Stream s = redactor.stream();
                String out = s.push(text.substring(0, i)) + s.push(text.substring(i, j)) + s.push(text.substring(j))
                        + s.flush();
                assertThat(out).as("split at %d,%d", i, j).isEqualTo("a *** b *** c ***");
            }
        }
    }

    @Test
    void emitsTextThatCannotStartASecretRightAway() {
        SecretRedactor.Stream s = redactor.stream();

        // only the last (longest form of a secret - 1) characters are held back: the base64 of
        // "sk-ant-12345" is the longest, 16 characters
        assertThat(s.push("hello world, this is plain output")).isEqualTo("hello world, this ");
        assertThat(s.flush()).isEqualTo("is plain output");
    }

    @Test
    void longerSecretWinsOverContainedShorterOne() {
        SecretRedactor r = SecretRedactor.of(List.of("secret", "secret-long-value"));

        assertThat(r.redact("x secret-long-value y secret")).isEqualTo("x *** y ***");
    }

    @Test
    void noSecretsPassesThrough() {
        assertThat(SecretRedactor.of(List.of()).stream().push("abc")).isEqualTo("abc");
    }

    @Test
    void aSecretSplitByControlCharactersIsRedacted() {
        SecretRedactor r = SecretRedactor.of(List.of("sk-live-0123456789"));

        assertThat(r.redact("a sk-live-01\r23456789 b")).isEqualTo("a *** b");
        assertThat(r.redact("sk-\u001b[0mlive-0123456789")).isEqualTo("***");
        // a newline still ends the text the secret must be in
        assertThat(r.redact("sk-live-01\n23456789")).isEqualTo("sk-live-01\n23456789");
    }

    @Test
    void base64AndUrlEncodedFormsAreRedactedAtEveryAlignment() {
        String secret = "sk-live-0123456789/+?&=";
        SecretRedactor r = SecretRedactor.of(List.of(secret));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();

        assertThat(r.redact(b64.encodeToString(secret.getBytes()))).contains("***").doesNotContain(
                b64.encodeToString(secret.getBytes()).substring(0, 16));
        for (String prefix : List.of("", "a", "ab", "abc", "{\"token\":\"")) {
            String encoded = b64.encodeToString((prefix + secret + "\"}").getBytes());
            String urlSafe = java.util.Base64.getUrlEncoder().encodeToString((prefix + secret).getBytes());
            assertThat(r.redact(encoded)).as(prefix).contains("***");
            assertThat(r.redact(urlSafe)).as(prefix).contains("***");
        }
        assertThat(r.redact("q=" + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("q=***");
        assertThat(r.reveals("nothing to see")).isFalse();
        assertThat(r.reveals(b64.encodeToString(("x" + secret).getBytes()))).isTrue();
    }
}
