package dev.devgodzilla.execution.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.repository.StepLogStore;
import dev.devgodzilla.execution.repository.StepLogStore.Cursor;
import dev.devgodzilla.execution.repository.StepStateReader;
import dev.devgodzilla.execution.repository.StepStateReader.Position;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A step's output: as text so far ({@code text/plain}), or followed live until the step ends
 * ({@code text/event-stream}: a {@code log} event per chunk, a {@code state} event per change of state, and an
 * {@code end} event with the final state). Following reads what execution-service stored from {@code step-logs},
 * so any instance serves any step, and a reader that comes late gets everything from the start.
 */
@Path("/steps/{stepId}/logs")
public class StepLogResource {
    private static final Duration POLL = Duration.ofMillis(150);
    private static final int BATCH = 500;

    private final StepLogStore store;
    private final StepStateReader states;

    public StepLogResource(StepLogStore store, StepStateReader states) {
        this.store = store;
        this.states = states;
    }

    /** The output of one attempt so far ({@code attempt}: default the current one). */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> text(@PathParam("stepId") String stepId, @QueryParam("attempt") Integer attempt) {
        return states.position(stepId).chain(position -> {
            Position p = position.orElseThrow(() -> unknown(stepId));
            return store.text(stepId, checkedAttempt(attempt, p));
        });
    }

    /** Follows the step's output and state until it ends; with {@code attempt}, that attempt's output only. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> follow(@PathParam("stepId") String stepId, @QueryParam("attempt") Integer attempt,
                                          @Context Sse sse) {
        Position first = states.position(stepId).await().atMost(Duration.ofSeconds(10))
                .orElseThrow(() -> unknown(stepId));
        Integer only = attempt == null ? null : checkedAttempt(attempt, first);
        AtomicReference<Cursor> cursor = new AtomicReference<>(only == null ? Cursor.START
                : new Cursor(only, -1));
        AtomicReference<StepState> lastState = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> poll(stepId, only, cursor, lastState, sse))
                .withDelay(POLL)
                .whilst(batch -> !batch.last())
                .onItem().transformToIterable(Batch::events);
    }

    /** What one look at the store found; {@code last} once the step has ended and everything was sent. */
    private record Batch(List<OutboundSseEvent> events, boolean last) {
    }

    private Uni<Batch> poll(String stepId, Integer only, AtomicReference<Cursor> cursor,
                            AtomicReference<StepState> lastState, Sse sse) {
        // the state first: chunks stored before it ended are then all in the read that follows
        return states.position(stepId).chain(position -> store.after(stepId, cursor.get(), BATCH).map(chunks -> {
            List<OutboundSseEvent> events = new ArrayList<>();
            boolean drained = chunks.size() < BATCH;
            for (StepLogChunk chunk : chunks) {
                if (only != null && chunk.attempt() != only) {
                    drained = true;
                    break;
                }
                cursor.set(cursor.get().after(chunk));
                events.add(sse.newEventBuilder().name("log").id(chunk.attempt() + "-" + chunk.seq())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(Json.write(chunk)).build());
            }
            StepState state = position.map(Position::state).orElse(null);
            if (state != null && state != lastState.getAndSet(state)) {
                events.add(event(sse, "state", state, position.get().attempt()));
            }
            boolean attemptOver = only != null && position.map(Position::attempt).orElse(0) > only;
            // terminal: no worker runs it again without a new request or an answer (QA may still follow COMPLETED)
            boolean ended = state == null || ((state.isTerminal() || attemptOver) && drained);
            if (ended) {
                events.add(event(sse, "end", state, position.map(Position::attempt).orElse(0)));
            }
            return new Batch(events, ended);
        }));
    }

    private static OutboundSseEvent event(Sse sse, String name, StepState state, int attempt) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data("{\"state\":" + (state == null ? "null" : "\"" + state + "\"") + ",\"attempt\":" + attempt + "}")
                .build();
    }

    private static int checkedAttempt(Integer attempt, Position p) {
        if (attempt == null) {
            return Math.max(p.attempt(), 1);
        }
        if (attempt < 1 || attempt > Math.max(p.attempt(), 1)) {
            throw new ProblemException(400, "Invalid attempt", "attempt must be between 1 and " + Math.max(p.attempt(), 1));
        }
        return attempt;
    }

    private static ProblemException unknown(String stepId) {
        return new ProblemException(404, "Step not found", "no step '" + stepId + "'");
    }
}
