package dev.devgodzilla.worker.way.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.worker.way.api.JulesOutcome.Status;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs one step on Jules: creates a session from the step's prompt (or continues a blocked one), polls
 * its state and activities, streams what the agent says as log lines, and ends the step when the session
 * completes, fails or waits for a person. Jules works on GitHub in Google's VMs, so what the step leaves
 * here are the session's patches (written as diff files) and pull request links.
 *
 * <p>Both kinds of waiting block the step with {@link FeedbackAction#CLARIFY}: a question needs an
 * answer, and a plan to approve needs a yes (or an objection) from a person. Neither means the layer's own
 * plan around the step is wrong, which is what RE_PLAN would ask for.
 */
@ApplicationScoped
public class JulesSessionRunner {
    private static final int MAX_PAGES = 50;

    private final JulesClient client;
    private final Duration pollInterval;

    @Inject
    public JulesSessionRunner(JulesClient client, JulesConfig config) {
        this(client, config.pollInterval());
    }

    public JulesSessionRunner(JulesClient client, Duration pollInterval) {
        this.client = client;
        this.pollInterval = pollInterval;
    }

    /** Starts the step; {@code log} gets one line per thing worth showing, on a worker thread. */
    public JulesRun start(JulesStepRequest request, Consumer<String> log) {
        Progress progress = new Progress(request, log);
        JulesRun run = new JulesRun(() -> {
            progress.cancelled = true;
            return progress.failed(FailureCode.CANCELLED, "the step was cancelled");
        });
        Uni<JulesOutcome> flow = open(progress)
                .chain(() -> pollUntilSettled(progress))
                .ifNoItem().after(request.timeout())
                .recoverWithItem(() -> progress.failed(FailureCode.TIMED_OUT,
                        "Jules did not finish within " + request.timeout()
                                + (progress.state == null ? "" : " (last state " + progress.state + ")")))
                .onFailure().recoverWithItem(progress::failed);
        run.follow(flow.subscribe().with(run::finish, e -> run.finish(progress.failed(e))));
        return run;
    }

    private Uni<Void> open(Progress progress) {
        JulesStepRequest request = progress.request;
        if (request.followUp() == null) {
            return client.createSession(request.prompt(), request.title(), request.source(),
                            request.requirePlanApproval())
                    .invoke(session -> {
                        progress.session(session);
                        progress.log("Jules session " + session.id() + " created"
                                + (session.url() == null ? "" : ": " + session.url()));
                    })
                    .replaceWithVoid();
        }
        JulesStepRequest.JulesFollowUp next = request.followUp();
        progress.sessionId = next.sessionId();
        // What happened before the follow-up was already reported with the blocked attempt.
        Uni<Void> seen = readNewActivities(progress, null, 0, false);
        Uni<Void> approve = next.approvePlan() ? client.approvePlan(next.sessionId())
                .invoke(() -> progress.log("approved the plan of Jules session " + next.sessionId()))
                : Uni.createFrom().voidItem();
        Uni<Void> message = next.message() == null || next.message().isBlank() ? Uni.createFrom().voidItem()
                : client.sendMessage(next.sessionId(), next.message())
                .invoke(() -> progress.log("answered Jules session " + next.sessionId()));
        return seen.chain(() -> approve).chain(() -> message);
    }

    private Uni<JulesOutcome> pollUntilSettled(Progress progress) {
        if (progress.cancelled) {
            // cancelling the subscription does not reliably reach a poll already waiting out its delay
            return Uni.createFrom().item(() -> progress.failed(FailureCode.CANCELLED, "the step was cancelled"));
        }
        return client.getSession(progress.sessionId)
                .call(() -> readNewActivities(progress, null, 0, true))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(progress::settle)
                .chain(outcome -> outcome != null ? Uni.createFrom().item(outcome)
                        : Uni.createFrom().item(Boolean.TRUE).onItem().delayIt().by(pollInterval)
                        .chain(() -> pollUntilSettled(progress)));
    }

    private Uni<Void> readNewActivities(Progress progress, String pageToken, int page, boolean report) {
        return client.listActivities(progress.sessionId, pageToken).chain(result -> {
            result.activities().forEach(a -> progress.activity(a, report));
            if (result.nextPageToken() == null || page + 1 >= MAX_PAGES) {
                return Uni.createFrom().voidItem();
            }
            return readNewActivities(progress, result.nextPageToken(), page + 1, report);
        });
    }

    /** What one run has learned so far; touched by one poll at a time. */
    private static final class Progress {
        final JulesStepRequest request;
        final Consumer<String> log;
        final Instant started = Instant.now();
        final Set<String> seen = new HashSet<>();
        final Set<String> patches = new LinkedHashSet<>();
        volatile String sessionId;
        volatile String sessionUrl;
        volatile String state;
        volatile boolean cancelled;
        String lastAgentMessage;
        String lastPlan;
        String failureReason;

        Progress(JulesStepRequest request, Consumer<String> log) {
            this.request = request;
            this.log = log;
        }

        void session(JulesSession session) {
            sessionId = session.id();
            sessionUrl = session.url() != null ? session.url() : sessionUrl;
        }

        void log(String line) {
            try {
                log.accept(line);
            } catch (RuntimeException e) {
                Log.warnf(e, "the log callback of Jules step %s failed", request.stepId());
            }
        }

        void activity(JulesActivity activity, boolean report) {
            if (activity.id() != null && !seen.add(activity.id())) {
                return;
            }
            patches.addAll(activity.patches());
            switch (activity.kind()) {
                case JulesActivity.AGENT_MESSAGED -> lastAgentMessage = activity.text();
                case JulesActivity.PLAN_GENERATED -> lastPlan = activity.text();
                case JulesActivity.SESSION_FAILED -> failureReason = activity.text();
                default -> {
                }
            }
            if (report && !activity.text().isBlank()) {
                log("[jules " + activity.kind() + "] " + activity.text());
            }
        }

        /** The outcome if the session has ended or waits for a person, else null (keep polling). */
        JulesOutcome settle(JulesSession session) {
            session(session);
            if (session.state() != null && !session.state().equals(state)) {
                log("Jules session " + sessionId + " is " + session.state());
            }
            state = session.state();
            if (state == null) {
                return null;
            }
            return switch (state) {
                case JulesSession.COMPLETED -> completed(session);
                case JulesSession.FAILED -> failed(FailureCode.NON_ZERO_EXIT, failureReason != null
                        && !failureReason.isBlank() ? failureReason : "Jules reported the session as failed");
                case JulesSession.AWAITING_USER_FEEDBACK -> blocked(lastAgentMessage != null
                        ? lastAgentMessage : "Jules is waiting for feedback on session " + sessionId);
                case JulesSession.AWAITING_PLAN_APPROVAL -> blocked("Jules asks to approve its plan"
                        + (lastPlan == null ? "" : ":\n" + lastPlan)
                        + (lastAgentMessage == null ? "" : "\n\n" + lastAgentMessage));
                default -> null;
            };
        }

        JulesOutcome completed(JulesSession session) {
            patches.addAll(session.outputPatches());
            List<Artifact> artifacts = writePatches();
            session.pullRequestUrls().forEach(url -> log("Jules opened pull request " + url));
            return new JulesOutcome(Status.COMPLETED, sessionId, sessionUrl, state,
                    lastAgentMessage != null ? lastAgentMessage : "Jules completed session " + sessionId, null, null,
                    null, null, session.pullRequestUrls(), artifacts, elapsedMs());
        }

        JulesOutcome blocked(String question) {
            return new JulesOutcome(Status.BLOCKED, sessionId, sessionUrl, state, lastAgentMessage, question,
                    FeedbackAction.CLARIFY, null, null, List.of(), List.of(), elapsedMs());
        }

        JulesOutcome failed(FailureCode code, String reason) {
            return new JulesOutcome(Status.FAILED, sessionId, sessionUrl, state, lastAgentMessage, null, null, code,
                    reason, List.of(), List.of(), elapsedMs());
        }

        JulesOutcome failed(Throwable e) {
            if (e instanceof JulesApiException api) {
                FailureCode code = switch (api.kind()) {
                    case AUTH -> FailureCode.AGENT_UNAVAILABLE;
                    case NOT_FOUND, BAD_REQUEST -> FailureCode.INVALID_REQUEST;
                    case RATE_LIMITED -> FailureCode.RATE_LIMITED;
                    case SERVER, TIMEOUT, TRANSPORT -> FailureCode.TRANSIENT;
                };
                return failed(code, api.getMessage());
            }
            Log.errorf(e, "Jules step %s failed unexpectedly", request.stepId());
            return failed(FailureCode.INTERNAL, "Jules step failed: " + e);
        }

        private List<Artifact> writePatches() {
            if (patches.isEmpty()) {
                return List.of();
            }
            if (request.artifactDir() == null) {
                log("Jules produced " + patches.size() + " patch(es) but the step has no artifact directory");
                return List.of();
            }
            List<Artifact> written = new ArrayList<>();
            int n = 0;
            try {
                Files.createDirectories(request.artifactDir());
                for (String patch : patches) {
                    Path file = request.artifactDir().resolve("jules-patch-" + (++n) + ".diff");
                    Files.writeString(file, patch.endsWith("\n") ? patch : patch + "\n", StandardCharsets.UTF_8);
                    written.add(new Artifact(file.getFileName().toString(), ArtifactKind.DIFF,
                            file.toAbsolutePath().toString(), Files.size(file), Sha256.of(file), Instant.now(),
                            Map.of("contentType", "text/x-diff", "source", "jules",
                                    "sessionId", String.valueOf(sessionId))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the patches of Jules session " + sessionId, e);
            }
            return List.copyOf(written);
        }

        private long elapsedMs() {
            return Duration.between(started, Instant.now()).toMillis();
        }
    }
}
