package dev.devgodzilla.sandbox.limits;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The number of output bytes a run may still produce, shared by its stdout and stderr. When it runs out the
 * {@code onExceeded} action (killing the run) is called once.
 */
public final class OutputBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicBoolean exceeded = new AtomicBoolean();
    private final Runnable onExceeded;

    /** @param limit bytes allowed; 0 means unlimited */
    public OutputBudget(long limit, Runnable onExceeded) {
        this.limit = limit;
        this.onExceeded = onExceeded;
    }

    /** Takes up to {@code n} bytes; returns how many may be passed on (fewer once the budget is spent). */
    public int take(int n) {
        if (limit <= 0) {
            return n;
        }
        long before = used.getAndAdd(n);
        long allowed = Math.max(0, Math.min(n, limit - before));
        if (allowed < n && exceeded.compareAndSet(false, true)) {
            onExceeded.run();
        }
        return (int) allowed;
    }

    public boolean exceeded() {
        return exceeded.get();
    }
}
