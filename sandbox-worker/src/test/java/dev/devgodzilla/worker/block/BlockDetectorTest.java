package dev.devgodzilla.worker.block;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.FeedbackAction;

class BlockDetectorTest {
    private final BlockDetector detector = new BlockDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I cannot proceed without the database credentials.|CLARIFY",
            "I need clarification on which login provider to use|CLARIFY",
            "There is missing information about the API version.|CLARIFY",
            "This is an ambiguous requirement: sort by name or by date.|RE_SPECIFY",
            "The spec has conflicting instructions about the port.|RE_SPECIFY",
            "It is impossible to implement this in the browser alone.|RE_PLAN",
            "BLOCKED: the task is out of scope for this repository|RE_PLAN",
            "BLOCKED: which branch should I use?|CLARIFY"})
    void findsBlockStatementsAndSuggestsFeedback(String line, FeedbackAction expected) {
        String output = "reading the repository\nlooking at src/main\n" + line + "\nstopping here\n";

        BlockInfo block = detector.detect(output).orElseThrow();

        assertThat(block.reason()).isNotBlank();
        assertThat(output).contains(block.reason());
        assertThat(block.context()).contains(line.strip());
        assertThat(detector.classify(block)).isEqualTo(expected);
    }

    @Test
    void theSentinelGivesTheReason() {
        BlockInfo block = detector.detect("working\nBLOCKED: need the API key for the payment service\n")
                .orElseThrow();

        assertThat(block.reason()).isEqualTo("need the API key for the payment service");
    }

    @Test
    void ordinaryOutputIsNotBlocked() {
        assertThat(detector.detect("wrote src/Login.java\nall 12 tests pass\ndone\n")).isEmpty();
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
    }

    @Test
    void isCaseInsensitive() {
        assertThat(detector.detect("NEED CLARIFICATION: which colour?")).isPresent();
    }
}
