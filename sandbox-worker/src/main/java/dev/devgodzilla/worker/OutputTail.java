package dev.devgodzilla.worker;

/** The last part of an attempt's combined output, kept in memory for block detection and events. */
public final class OutputTail {
    private final int capacity;
    private final StringBuilder text = new StringBuilder();

    public OutputTail(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(String line) {
        text.append(line).append('\n');
        // Trim in bulk, not per line, so a long output costs amortised constant time per line.
        if (text.length() > 2 * capacity) {
            text.delete(0, text.length() - capacity);
        }
    }

    /** The last {@code chars} characters at most. */
    public synchronized String last(int chars) {
        int from = Math.max(0, text.length() - Math.min(chars, capacity));
        return text.substring(from);
    }
}
