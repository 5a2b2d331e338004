package dev.devgodzilla.worker.way.cli;

import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * Holds a running agent to what is left of its step's budget: after each line of its stream, the tokens and
 * cost its parser has seen; a few times a second, the time it has run. The moment one goes over, the attempt
 * is stopped with {@link Termination#BUDGET_EXCEEDED}; {@link CliOutcomes} says by how much.
 */
final class BudgetWatch {
    private final Budget budget;
    private final StreamParser parser;
    private final Attempt attempt;
    private final long startNanos = System.nanoTime();
    private final boolean watchesUsage;

    BudgetWatch(Budget budget, StreamParser parser, Attempt attempt) {
        this.budget = budget;
        this.parser = parser;
        this.attempt = attempt;
        this.watchesUsage = budget.tokens() != null || budget.costUsd() != null;
    }

    /** After a line reached the parser. */
    void afterLine() {
        if (watchesUsage && budget.overBy(parser.usageSoFar(), 0).isPresent()) {
            attempt.stop(Termination.BUDGET_EXCEEDED);
        }
    }

    /** While the agent runs. */
    void onTick() {
        if (budget.seconds() != null && budget.overBy(null, (System.nanoTime() - startNanos) / 1_000_000)
                .isPresent()) {
            attempt.stop(Termination.BUDGET_EXCEEDED);
        }
    }
}
