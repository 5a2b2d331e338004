package dev.devgodzilla.worker.way.ide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.Json;
import io.quarkus.logging.Log;

/**
 * Follows IDE steps from hand-over to their end. A step is PENDING until its command file changes or a
 * {@code dg-<stepId>.picked-up} marker appears (PICKED_UP), and ends (DONE, BLOCKED, FAILED) when its
 * result file appears, when {@link #complete} is called, or when it has waited longer than the maximum
 * wait. Each step's outcome goes exactly once to the callback given with it.
 */
@ApplicationScoped
public class IdeStepTracker {
    public static final String FROM_RESULT_FILE = "result-file";
    public static final String FROM_API = "api";
    public static final String FROM_TIMEOUT = "timeout";

    private final Duration pollInterval;
    private final Duration maxWait;
    private final Clock clock;
    private final ConcurrentMap<String, Tracked> steps = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    @Inject
    public IdeStepTracker(IdeConfig config) {
        this(config.pollInterval(), config.maxWait(), Clock.systemUTC());
    }

    public IdeStepTracker(Duration pollInterval, Duration maxWait, Clock clock) {
        this.pollInterval = pollInterval;
        this.maxWait = maxWait;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dg-ide-step-poller");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, pollInterval.toMillis());
        poller.scheduleWithFixedDelay(this::pollAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts following a step whose command file was written; {@code onOutcome} gets its end. Tracking a
     * step again (a new attempt) replaces the earlier one without reporting it.
     */
    public PendingIdeStep track(String stepId, int attempt, String agentId, Path commandFile,
                                Consumer<IdeOutcome> onOutcome) {
        return track(stepId, attempt, agentId, commandFile, new Since(clock.instant(), lastModified(commandFile),
                null), picked -> { }, onOutcome);
    }

    /**
     * When a step was handed over, as its command file stood then, and when it was seen picked up (null: not
     * yet): a worker that follows a step again after a restart goes on from there.
     */
    public record Since(Instant handedOverAt, FileTime commandWrittenAt, Instant pickedUpAt) {
    }

    /**
     * Follows a step handed over {@code since}; {@code onPickedUp} is told once when the IDE starts on it
     * (with the time), {@code onOutcome} gets its end.
     */
    public PendingIdeStep track(String stepId, int attempt, String agentId, Path commandFile, Since since,
                                Consumer<Instant> onPickedUp, Consumer<IdeOutcome> onOutcome) {
        Path dir = commandFile.toAbsolutePath().getParent();
        Tracked step = new Tracked(stepId, attempt, agentId, commandFile.toAbsolutePath(),
                IdeFiles.resultFile(dir, stepId), IdeFiles.pickedUpMarker(dir, stepId), since.commandWrittenAt(),
                since.handedOverAt(), onPickedUp, onOutcome);
        step.pickedUpAt = since.pickedUpAt();
        Tracked earlier = steps.put(stepId, step);
        if (earlier != null) {
            Log.infof("IDE step %s attempt %d replaces attempt %d", stepId, attempt, earlier.attempt);
        }
        return step.view(maxWait);
    }

    /**
     * Ends a step as told through the API. Returns the outcome, or empty when the step is not (or no
     * longer) tracked. {@code status} must be terminal.
     */
    public Optional<IdeOutcome> complete(String stepId, IdeStatus status, String summary, String question) {
        if (!status.terminal()) {
            throw new IllegalArgumentException("a step can only be completed as done, blocked or failed, not " + status);
        }
        Tracked step = steps.get(stepId);
        if (step == null) {
            return Optional.empty();
        }
        return finish(step, status, summary, question, FROM_API);
    }

    /** Stops following a step without reporting it (the step was cancelled elsewhere). */
    public boolean forget(String stepId) {
        return steps.remove(stepId) != null;
    }

    /** The steps still waiting, oldest first. */
    public List<PendingIdeStep> pending() {
        return steps.values().stream()
                .map(s -> s.view(maxWait))
                .sorted(Comparator.comparing(PendingIdeStep::handedOverAt))
                .toList();
    }

    public Optional<PendingIdeStep> find(String stepId) {
        return Optional.ofNullable(steps.get(stepId)).map(s -> s.view(maxWait));
    }

    /** Looks at every pending step once; runs on the poller, and from tests. */
    void pollAll() {
        for (Tracked step : List.copyOf(steps.values())) {
            try {
                poll(step);
            } catch (RuntimeException e) {
                // One broken step must not stop the others from being followed.
                Log.warnf(e, "could not check IDE step %s", step.stepId);
            }
        }
    }

    private void poll(Tracked step) {
        if (Files.isRegularFile(step.resultFile)) {
            Optional<ResultFile> result = readResult(step);
            if (result.isPresent()) {
                finish(step, result.get().status, result.get().summary, result.get().question, FROM_RESULT_FILE);
                return;
            }
        }
        if (step.pickedUpAt == null && pickedUp(step)) {
            step.pickedUpAt = clock.instant();
            Log.infof("IDE step %s was picked up by %s", step.stepId, step.agentId);
            try {
                step.onPickedUp.accept(step.pickedUpAt);
            } catch (RuntimeException e) {
                Log.errorf(e, "reporting the pick-up of IDE step %s failed", step.stepId);
            }
        }
        Duration waited = Duration.between(step.handedOverAt, clock.instant());
        if (waited.compareTo(maxWait) > 0) {
            finish(step, IdeStatus.FAILED, "no result from IDE agent " + step.agentId + " within " + maxWait
                    + " (" + (step.pickedUpAt == null ? "the command file was never picked up" : "it was picked up")
                    + "; expected " + step.resultFile + ")", null, FROM_TIMEOUT);
        }
    }

    private boolean pickedUp(Tracked step) {
        if (Files.exists(step.pickedUpMarker)) {
            return true;
        }
        FileTime now = lastModified(step.commandFile);
        // A deleted or edited command file means the IDE (or its user) did something with it.
        return now == null || !now.equals(step.writtenAt);
    }

    private Optional<ResultFile> readResult(Tracked step) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(Files.readString(step.resultFile));
        } catch (IOException e) {
            // Most likely caught half-written; the next poll reads it again.
            Log.debugf("result file %s not readable yet: %s", step.resultFile, e.getMessage());
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        String statusText = text(json, "status");
        Optional<IdeStatus> status = IdeStatus.terminalOf(statusText);
        if (status.isEmpty()) {
            return Optional.of(new ResultFile(IdeStatus.FAILED,
                    "the result file " + step.resultFile + " has an unknown status '" + statusText
                            + "' (expected done, blocked or failed)", null));
        }
        return Optional.of(new ResultFile(status.get(), text(json, "summary"), text(json, "question")));
    }

    private Optional<IdeOutcome> finish(Tracked step, IdeStatus status, String summary, String question,
                                        String source) {
        // remove(key, value) lets exactly one of poller, API call and time-out report the step.
        if (!steps.remove(step.stepId, step)) {
            return Optional.empty();
        }
        String blockedQuestion = status == IdeStatus.BLOCKED && (question == null || question.isBlank())
                ? summary : question;
        IdeOutcome outcome = new IdeOutcome(step.stepId, step.attempt, step.agentId, status, summary,
                status == IdeStatus.BLOCKED ? blockedQuestion : question, step.commandFile, source,
                Duration.between(step.handedOverAt, clock.instant()).toMillis());
        Log.infof("IDE step %s ended %s (%s)", step.stepId, status, source);
        try {
            step.onOutcome.accept(outcome);
        } catch (RuntimeException e) {
            Log.errorf(e, "reporting the outcome of IDE step %s failed", step.stepId);
        }
        return Optional.of(outcome);
    }

    @PreDestroy
    void close() {
        poller.shutdownNow();
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** When {@code file} last changed, or null when it is gone. */
    static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private record ResultFile(IdeStatus status, String summary, String question) {
    }

    private static final class Tracked {
        final String stepId;
        final int attempt;
        final String agentId;
        final Path commandFile;
        final Path resultFile;
        final Path pickedUpMarker;
        final FileTime writtenAt;
        final Instant handedOverAt;
        final Consumer<Instant> onPickedUp;
        final Consumer<IdeOutcome> onOutcome;
        volatile Instant pickedUpAt;

        Tracked(String stepId, int attempt, String agentId, Path commandFile, Path resultFile, Path pickedUpMarker,
                FileTime writtenAt, Instant handedOverAt, Consumer<Instant> onPickedUp,
                Consumer<IdeOutcome> onOutcome) {
            this.onPickedUp = onPickedUp;
            this.stepId = stepId;
            this.attempt = attempt;
            this.agentId = agentId;
            this.commandFile = commandFile;
            this.resultFile = resultFile;
            this.pickedUpMarker = pickedUpMarker;
            this.writtenAt = writtenAt;
            this.handedOverAt = handedOverAt;
            this.onOutcome = onOutcome;
        }

        PendingIdeStep view(Duration maxWait) {
            return new PendingIdeStep(stepId, attempt, agentId, pickedUpAt == null ? IdeStatus.PENDING
                    : IdeStatus.PICKED_UP, commandFile.toString(), handedOverAt, pickedUpAt, handedOverAt.plus(maxWait));
        }
    }
}
