package dev.devgodzilla.execution.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.execution.domain.OutboxRecord;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.UnitOfWork;
import dev.devgodzilla.execution.service.OutboxDeadLetters;
import dev.devgodzilla.execution.service.OutboxWakeUp;
import dev.devgodzilla.execution.service.StepTransitions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes the outbox: the transactional outbox pattern. A state change and the record announcing it
 * (a sandbox job, a StepFailed the service raises, a cancel command) are written in one database
 * transaction; this relay sends the rows afterwards and deletes them once Kafka has acknowledged them.
 * So a record never announces a change that was rolled back, and a crash between commit and send loses
 * nothing: the row is still there for the next run. The price is at-least-once delivery, which the
 * consumers absorb by stepId, attempt and eventId.
 * <p>
 * It runs right after a state change commits ({@link #wakeUp}, called by the service's
 * {@code StateChanges}) and every second as the reconciler that picks up whatever a wake-up missed.
 * Each row already holds the record as written, so sending it needs no knowledge of message types.
 */
@ApplicationScoped
public class OutboxRelay implements OutboxWakeUp {
    private static final int BATCH = 100;

    private final OutboxRepository outbox;
    private final OutboxDeadLetters deadLetters;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final Pool pool;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(OutboxRepository outbox, OutboxDeadLetters deadLetters,
                       @Channel(Channels.OUTBOX) MutinyEmitter<String> emitter, Vertx vertx, Pool pool) {
        this.pool = pool;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.emitter = emitter;
        this.vertx = vertx;
    }

    /**
     * Drains the outbox now, without making the caller wait, on a fresh duplicated Vert.x context marked
     * safe (the unit of work must not share the caller's context, whose transaction has just ended).
     * Never throws: a missed wake-up only delays the records until the reconciler's next tick.
     */
    @Override
    public void wakeUp() {
        try {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> drain().subscribe().with(ignored -> {
            }, e -> Log.warnf(e, "outbox wake-up failed; the reconciler retries")));
        } catch (RuntimeException e) {
            Log.warnf(e, "outbox wake-up failed; the reconciler retries");
        }
    }

    @Scheduled(every = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return drain();
    }

    /** One drain at a time per instance; a wake-up during a drain makes it go round once more. */
    Uni<Void> drain() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        return drainLoop()
                .onFailure().invoke(e -> Log.warnf(e, "outbox relay failed; rows stay for the next run"))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    running.set(false);
                    // a wake-up that came after the loop's last look would otherwise wait for the next tick
                    if (again.get()) {
                        wakeUp();
                    }
                });
    }

    private Uni<Void> drainLoop() {
        again.set(false);
        return UnitOfWork.run(pool, this::publishBatch)
                .chain(sent -> sent == BATCH || again.get() ? drainLoop() : Uni.createFrom().voidItem());
    }

    /**
     * Sends the oldest rows in order, waits for Kafka's acks, then deletes them in the same transaction. A
     * row Kafka will never take is set aside and the rest go on; any other failure rolls the batch back for
     * the next run (rows already sent go again: at-least-once). Another instance's relay holding the turn
     * makes this one send nothing.
     */
    private Uni<Integer> publishBatch() {
        Executor onThisContext = onCurrentContext();
        return outbox.takeRelayTurn().chain(turn -> !turn ? Uni.createFrom().item(0) : outbox.claim(BATCH)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> sent = new ArrayList<>();
                    // all handed to the producer at once, in the rows' order, which it keeps per partition
                    // (idempotent, so retries do not reorder): one wait for the acks, not one per row
                    List<Uni<Void>> sends = rows.stream().map(row -> send(row, sent, onThisContext)).toList();
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> sent.isEmpty() ? Uni.createFrom().item(0) : outbox.deleteAll(sent))
                            .replaceWith(rows.size());
                }));
    }

    private Uni<Void> send(OutboxRecord row, List<Long> sent, Executor onSessionContext) {
        return emitter.sendMessage(OutboxMessages.of(row, StepTransitions.SOURCE))
                .emitOn(onSessionContext)
                .invoke(() -> sent.add(row.id))
                .onFailure(OutboxDeadLetters::permanent).recoverWithUni(e -> deadLetters.setAside(row, e));
    }

    private static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
    }
}
