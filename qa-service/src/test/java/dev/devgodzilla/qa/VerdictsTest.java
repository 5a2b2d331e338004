package dev.devgodzilla.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.qa.service.Verdicts;

/** How gate verdicts combine into a step's. */
class VerdictsTest {

    @Test
    void aFailureWinsThenAnErrorThenAPass() {
        assertThat(Verdicts.combine(List.of(g(QaVerdict.ERROR), g(QaVerdict.FAILED)))).isEqualTo(QaVerdict.FAILED);
        assertThat(Verdicts.combine(List.of(g(QaVerdict.ERROR), g(QaVerdict.PASSED)))).isEqualTo(QaVerdict.ERROR);
        assertThat(Verdicts.combine(List.of(g(QaVerdict.SKIPPED), g(QaVerdict.PASSED)))).isEqualTo(QaVerdict.PASSED);
        assertThat(Verdicts.combine(List.of(g(QaVerdict.SKIPPED)))).isEqualTo(QaVerdict.SKIPPED);
    }

    private static QaGateResult g(QaVerdict verdict) {
        return new QaGateResult("g", verdict, null, 0, null);
    }
}
