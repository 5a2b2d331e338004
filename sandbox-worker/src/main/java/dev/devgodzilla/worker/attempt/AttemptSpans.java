package dev.devgodzilla.worker.attempt;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.SandboxJob;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * The spans of an attempt in the step's trace: one {@code attempt} span from claim to terminal event, with a
 * child per phase (workspace, sandbox open, setup, agent run, capture), so a slow step shows where its time
 * went. The job's context is current on the attempt's thread (the dispatcher hands it over), so the attempt
 * span is a child of the job's receive span and the events it publishes are children of the attempt. With
 * tracing off the tracer is a no-op and these cost nothing.
 */
@ApplicationScoped
public class AttemptSpans {
    /** Work in a phase, which may throw what the phase throws. */
    @FunctionalInterface
    public interface Phase<T, E extends Exception> {
        T run() throws E;
    }

    private final Tracer tracer;

    public AttemptSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the attempt's span as the current one; closing the scope returned ends it. */
    public Scope attempt(SandboxJob job) {
        Span span = tracer.spanBuilder("attempt")
                .setAttribute("dg.step.id", job.stepId())
                .setAttribute("dg.attempt", job.attempt())
                .setAttribute("dg.agent.id", job.agentId())
                .startSpan();
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    /** Runs {@code work} in a child span named {@code name}; a failure marks the span and goes on up. */
    public <T, E extends Exception> T phase(String name, Phase<T, E> work) throws E {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.run();
        } catch (Exception e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
