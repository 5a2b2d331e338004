package dev.devgodzilla.sandbox.redact;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

        // only the last (longest secret - 1) = 11 characters are held back
        assertThat(s.push("hello world, this is plain output")).isEqualTo("hello world, this is p");
        assertThat(s.flush()).isEqualTo("lain output");
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
}
