package dev.devgodzilla.worker.qa;

import dev.devgodzilla.contracts.messages.QaJobResult;

/** Where the results of this worker's QA checks go ({@code qa-job-results}). */
public interface QaResultSink {
    void publish(QaJobResult result);
}
