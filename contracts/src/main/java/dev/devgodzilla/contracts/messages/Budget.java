package dev.devgodzilla.contracts.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a step may spend, on each measure that is set (null: no limit on it): tokens (input and output as the
 * agent reports them), cost in US dollars (where the agent reports one) and wall time in seconds. An agent's
 * configuration sets one per step and one per project; a job carries what is left of the tighter of them, and
 * its worker stops the agent the moment the run goes over.
 */
public record Budget(Long tokens, Double costUsd, Integer seconds) {
    public static final Budget NONE = new Budget(null, null, null);

    public boolean isEmpty() {
        return tokens == null && costUsd == null && seconds == null;
    }

    /** The tighter of the two limits on each measure ({@code other} may be null). */
    public Budget tighter(Budget other) {
        if (other == null) {
            return this;
        }
        return new Budget(min(tokens, other.tokens), min(costUsd, other.costUsd), min(seconds, other.seconds));
    }

    /** What is left once {@code tokens}, {@code costUsd} and {@code millis} are spent; never below zero. */
    public Budget left(long spentTokens, double spentCostUsd, long spentMillis) {
        return new Budget(tokens == null ? null : Math.max(0, tokens - spentTokens),
                costUsd == null ? null : Math.max(0, costUsd - spentCostUsd),
                seconds == null ? null : (int) Math.max(0, seconds - spentMillis / 1000));
    }

    /** The measure nothing is left of, said for a person ("10000 tokens"), or empty while every one has some. */
    public Optional<String> exhausted() {
        if (tokens != null && tokens <= 0) {
            return Optional.of("tokens");
        }
        if (costUsd != null && costUsd <= 0) {
            return Optional.of("cost");
        }
        if (seconds != null && seconds <= 0) {
            return Optional.of("time");
        }
        return Optional.empty();
    }

    /**
     * How a run that used {@code usage} (null: none reported) in {@code millis} goes over this budget, e.g.
     * {@code "used 15000 tokens of the 10000 left"}, or empty while it stays within it.
     */
    public Optional<String> overBy(TokenUsage usage, long millis) {
        long used = usage == null ? 0 : usage.inputTokens() + usage.outputTokens();
        if (tokens != null && used > tokens) {
            return Optional.of("used " + used + " tokens of the " + tokens + " left");
        }
        if (costUsd != null && usage != null && usage.costUsd() != null && usage.costUsd() > costUsd) {
            return Optional.of(String.format(java.util.Locale.ROOT, "cost $%.4f of the $%.4f left", usage.costUsd(),
                    costUsd));
        }
        if (seconds != null && millis > seconds * 1000L) {
            return Optional.of("ran " + millis / 1000 + " s of the " + seconds + " s left");
        }
        return Optional.empty();
    }

    /** Why this budget cannot be used, each naming {@code field}: a limit that is not positive. */
    public List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        if (tokens != null && tokens < 1) {
            problems.add(field + ".tokens: must be at least 1, got " + tokens);
        }
        if (costUsd != null && !(costUsd > 0)) {
            problems.add(field + ".costUsd: must be above 0, got " + costUsd);
        }
        if (seconds != null && seconds < 1) {
            problems.add(field + ".time: must be at least 1 s, got " + seconds);
        }
        return problems;
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
