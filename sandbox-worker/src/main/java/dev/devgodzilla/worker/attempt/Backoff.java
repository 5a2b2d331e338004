package dev.devgodzilla.worker.attempt;

import java.time.Duration;

/** Waits that double up to a ceiling, for the worker's calls that are tried again until they get through. */
public final class Backoff {
    private final Duration max;
    private Duration next;

    public Backoff(Duration first, Duration max) {
        this.next = first;
        this.max = max;
    }

    /** The wait the next {@link #pause} takes. */
    public Duration next() {
        return next;
    }

    /** Sleeps the current wait and doubles the next one; false when interrupted (the flag is kept). */
    public boolean pause() {
        try {
            Thread.sleep(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return true;
    }
}
