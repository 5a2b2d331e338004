package dev.devgodzilla.qa.gate;

import dev.devgodzilla.contracts.messages.QaJob;

/** Where QA jobs for the workers go ({@code qa-jobs}). */
public interface QaJobSink {
    void publish(QaJob job);
}
