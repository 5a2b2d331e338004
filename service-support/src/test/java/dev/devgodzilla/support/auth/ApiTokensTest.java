package dev.devgodzilla.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private final ApiTokens tokens = new ApiTokens(List.of("writer-1", " writer-2 "), List.of("reader-1"));

    @Test
    void aBearerTokenGrantsWhatItIsConfiguredFor() {
        assertThat(tokens.accessOf("Bearer writer-1")).isEqualTo(Access.WRITE);
        assertThat(tokens.accessOf("bearer  writer-2")).isEqualTo(Access.WRITE);
        assertThat(tokens.accessOf("Bearer reader-1")).isEqualTo(Access.READ);
        assertThat(Access.READ.allows(false)).isTrue();
        assertThat(Access.READ.allows(true)).isFalse();
    }

    @Test
    void anythingElseGrantsNothing() {
        assertThat(tokens.accessOf(null)).isEqualTo(Access.NONE);
        assertThat(tokens.accessOf("")).isEqualTo(Access.NONE);
        assertThat(tokens.accessOf("Bearer ")).isEqualTo(Access.NONE);
        assertThat(tokens.accessOf("writer-1")).isEqualTo(Access.NONE);
        assertThat(tokens.accessOf("Basic writer-1")).isEqualTo(Access.NONE);
        assertThat(tokens.accessOf("Bearer writer-10")).isEqualTo(Access.NONE);
        assertThat(tokens.accessOf("Bearer writer")).isEqualTo(Access.NONE);
        assertThat(Access.NONE.allows(false)).isFalse();
    }

    @Test
    void blankConfiguredTokensAreIgnored() {
        ApiTokens blank = new ApiTokens(List.of("", "  "), List.of());
        assertThat(blank.none()).isTrue();
        assertThat(blank.accessOf("Bearer  ")).isEqualTo(Access.NONE);
    }
}
