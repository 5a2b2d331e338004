package dev.devgodzilla.worker.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.worker.dispatch.AttemptRouter;
import dev.devgodzilla.worker.dispatch.RunningAttempts;
import dev.devgodzilla.worker.retention.DiskRetention;
import io.quarkus.logging.Log;

/**
 * Reads {@code step-commands}. Every worker reads every command (its consumer group is its own), and
 * acts on those for attempts it is running or per-step workspaces it holds.
 */
@ApplicationScoped
public class CommandConsumer {
    private final RunningAttempts running;
    private final AttemptRouter router;
    private final DiskRetention disk;
    private final SeenRecords seen = new SeenRecords();

    public CommandConsumer(RunningAttempts running, AttemptRouter router, DiskRetention disk) {
        this.running = running;
        this.router = router;
        this.disk = disk;
    }

    /** Throwing nacks the record, which sends it to the DLQ with the message as its reason. */
    @Incoming(Channels.STEP_COMMANDS)
    public void consume(String payload) {
        StepCommand command = Json.read(payload, StepCommand.class);
        if (command.stepId() == null || command.stepId().isBlank() || command.action() == null) {
            throw new MalformedMessageException("a step command needs a stepId and an action");
        }
        if (!seen.firstTime(command.eventId())) {
            // read again after a rebalance (see SinceStartPositions): it was acted on already
            return;
        }
        switch (command.action()) {
            case CANCEL -> {
                // a step handed to an IDE holds no slot here, so it is not among the running attempts
                boolean found = running.cancel(command.stepId(), command.attempt())
                        | router.cancelHandedOver(command.stepId(), command.attempt());
                if (found) {
                    Log.infof("cancelling step %s attempt %d: %s", command.stepId(), command.attempt(),
                            command.reason());
                }
            }
            case COMPLETE_IDE_STEP -> {
                if (router.completeHandedOver(command.stepId(), command.outcome(), command.summary(),
                        command.question())) {
                    Log.infof("step %s: completed %s through execution-service", command.stepId(),
                            command.outcome());
                }
            }
            case REMOVE_WORKSPACE -> {
                try {
                    disk.removeWorkspace(command.stepId());
                } catch (IOException e) {
                    Log.warnf("step %s: could not remove its workspace: %s", command.stepId(), e.getMessage());
                }
            }
        }
    }
}
