package dev.devgodzilla.execution.messaging;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.execution.service.StepMetrics;
import dev.devgodzilla.execution.service.StepSubmission;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code step-requests}. Unreadable, invalid and conflicting requests fail the record, so it goes
 * to {@code step-requests.dlq} with the reason, and consumption goes on.
 */
@ApplicationScoped
public class StepRequestConsumer {
    private final StepSubmission submission;
    private final StepMetrics metrics;

    public StepRequestConsumer(StepSubmission submission, StepMetrics metrics) {
        this.submission = submission;
        this.metrics = metrics;
    }

    @Incoming(Channels.STEP_REQUESTS)
    public Uni<Void> consume(String payload) {
        StepRequest request;
        try {
            request = Json.read(payload, StepRequest.class);
        } catch (MalformedMessageException e) {
            Log.warnf("unreadable step request: %s", e.getMessage());
            metrics.request("malformed");
            return Uni.createFrom().failure(e);
        }
        StepRequest valid = request;
        return DurableHandling.retryingTransientFailures("step request " + request.stepId(),
                () -> submission.submit(valid)).chain(result -> switch (result.outcome()) {
            case ACCEPTED, RESPECIFIED, DUPLICATE -> Uni.createFrom().voidItem();
            case INVALID, CONFLICT -> Uni.createFrom().failure(new RejectedMessageException(result.reason()));
        });
    }
}
