package dev.devgodzilla.sandbox.egress;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPatternTest {

    @Test
    void matchesHostAndPort() {
        EgressAllowList list = EgressAllowList.parse(List.of("api.anthropic.com:443", "*.openai.com",
                "127.0.0.1:8080", "[::1]:9000"));

        assertThat(list.match("API.anthropic.com", 443)).isPresent();
        assertThat(list.match("api.anthropic.com", 80)).isEmpty();
        assertThat(list.match("evil-api.anthropic.com", 443)).isEmpty();
        assertThat(list.match("chat.openai.com", 8443)).isPresent();
        assertThat(list.match("openai.com", 443)).isEmpty();
        assertThat(list.match("127.0.0.1", 8080)).isPresent();
        assertThat(list.match("127.0.0.1", 8081)).isEmpty();
        assertThat(list.match("::1", 9000)).isPresent();
    }

    @Test
    void explicitAddressesMayBeInternal() {
        assertThat(HostPattern.parse("127.0.0.1:1").namesAddressExplicitly()).isTrue();
        assertThat(HostPattern.parse("api.example.com").namesAddressExplicitly()).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> HostPattern.parse("*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPattern.parse("host:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPattern.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
