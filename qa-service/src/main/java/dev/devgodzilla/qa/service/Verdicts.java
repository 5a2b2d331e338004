package dev.devgodzilla.qa.service;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;

import java.util.List;

/** Combines gate verdicts into a step's verdict. */
public final class Verdicts {
    private Verdicts() {
    }

    /** FAILED if any gate failed, else ERROR if any errored, else PASSED if any passed, else SKIPPED. */
    public static QaVerdict combine(List<QaGateResult> gates) {
        if (has(gates, QaVerdict.FAILED)) {
            return QaVerdict.FAILED;
        }
        if (has(gates, QaVerdict.ERROR)) {
            return QaVerdict.ERROR;
        }
        return has(gates, QaVerdict.PASSED) ? QaVerdict.PASSED : QaVerdict.SKIPPED;
    }

    private static boolean has(List<QaGateResult> gates, QaVerdict verdict) {
        return gates.stream().anyMatch(g -> g.verdict() == verdict);
    }
}
