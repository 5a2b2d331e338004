package dev.devgodzilla.execution.repository;

import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Step;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;

/** Steps in PostgreSQL. Transitions load the row with {@link #lock} so the sweeper and consumers take turns. */
@ApplicationScoped
public class StepRepository implements PanacheRepositoryBase<Step, String> {

    /** The step with its row locked until the transaction ends ({@code select ... for update}). */
    public Uni<Step> lock(String stepId) {
        return findById(stepId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<String>> expiredLeases(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select s.stepId from Step s where s.state in :states and s.leaseExpiresAt < :now"
                                + " order by s.leaseExpiresAt", String.class)
                .setParameter("states", List.of(StepState.DISPATCHED, StepState.RUNNING))
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Steps waiting for their dependencies, the longest waiting first. */
    public Uni<List<String>> waiting(int limit) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select s.stepId from Step s where s.state = :state order by s.updatedAt", String.class)
                .setParameter("state", StepState.WAITING)
                .setMaxResults(limit)
                .getResultList());
    }

    /** The states of the known steps among {@code stepIds}. */
    public Uni<java.util.Map<String, StepState>> statesOf(java.util.Collection<String> stepIds) {
        if (stepIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return Panache.getSession().chain(session -> session.createQuery(
                        "select s.stepId, s.state from Step s where s.stepId in :ids", Object[].class)
                .setParameter("ids", stepIds)
                .getResultList())
                .map(rows -> {
                    java.util.Map<String, StepState> states = new java.util.HashMap<>();
                    rows.forEach(r -> states.put((String) r[0], (StepState) r[1]));
                    return states;
                });
    }

    public Uni<List<String>> dueRetries(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select s.stepId from Step s where s.state = :state and s.nextAttemptAt <= :now"
                                + " order by s.nextAttemptAt", String.class)
                .setParameter("state", StepState.RECEIVED)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
    }

    /**
     * Renews the lease of an attempt a worker reports it holds. From then on the lease follows that worker's
     * heartbeats, even where this shortens the longer wait a dispatched job is given in the queue: a worker
     * that took the job and died is then noticed in a lease's time, not a dispatch timeout's.
     */
    public Uni<Integer> extendLease(String stepId, int attempt, Instant until) {
        return update("leaseExpiresAt = ?1, updatedAt = ?2 where stepId = ?3 and attempt = ?4 and state in ?5",
                until, Instant.now(), stepId, attempt, List.of(StepState.DISPATCHED, StepState.RUNNING));
    }

    /**
     * Notes that {@code workerId} holds the IDE hand-off of a pending attempt, until {@code until}: a pending
     * step never expires, the lease only says where a completion posted through the API goes.
     */
    public Uni<Integer> holdPending(String stepId, int attempt, Instant until, String workerId) {
        return update("leaseExpiresAt = ?1, claimedBy = ?2 where stepId = ?3 and attempt = ?4 and state = ?5",
                until, workerId, stepId, attempt, StepState.PENDING);
    }

    /**
     * Renews the lease of a dispatched attempt whose job waits for a slot on {@code workerId}, and notes
     * where: while that worker is heard the job is not sent elsewhere, and once it is not, the lease runs out
     * in a lease's time.
     */
    public Uni<Integer> holdWaiting(String stepId, int attempt, Instant until, String workerId) {
        return update("leaseExpiresAt = ?1, waitingOn = ?2, updatedAt = ?3 where stepId = ?4 and attempt = ?5"
                        + " and state = ?6 and claimedBy is null",
                until, workerId, Instant.now(), stepId, attempt, StepState.DISPATCHED);
    }

    /**
     * What the steps of {@code projectId} spent on {@code agentId} together, {@code [tokens, cost, ms]}, not
     * counting {@code exceptStepId} (whose own spending the caller holds).
     */
    public Uni<Object[]> projectSpend(String projectId, String agentId, String exceptStepId) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select coalesce(sum(s.spentTokens), 0), coalesce(sum(s.spentCostUsd), 0.0),"
                                + " coalesce(sum(s.spentMs), 0) from Step s where s.projectId = :project"
                                + " and s.agentId = :agent and s.stepId <> :step", Object[].class)
                .setParameter("project", projectId)
                .setParameter("agent", agentId)
                .setParameter("step", exceptStepId)
                .getSingleResult());
    }

    public Uni<List<Step>> list(StepState state, int limit) {
        var query = state == null
                ? findAll(Sort.by("createdAt").descending())
                : find("state", Sort.by("createdAt").descending(), state);
        return query.page(Page.ofSize(limit)).list();
    }
}
