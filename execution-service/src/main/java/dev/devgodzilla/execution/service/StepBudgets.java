package dev.devgodzilla.execution.service;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.StepRepository;
import io.smallrye.mutiny.Uni;

/**
 * What a step may still spend before its next attempt: its agent's step budget less what its attempts spent,
 * and its project's budget for the agent less what all the project's steps on it spent, the tighter of them.
 * The job carries what is left, and its worker stops the agent once the run goes over it.
 */
@ApplicationScoped
public class StepBudgets {
    private final StepRepository steps;

    public StepBudgets(StepRepository steps) {
        this.steps = steps;
    }

    /**
     * What is left for the step's next attempt; {@code exhausted} says, for a person, which budget has nothing
     * left (null while every one has some).
     */
    public record Left(Budget budget, String exhausted) {
    }

    public Uni<Left> left(Step step, AgentMetadata agent) {
        Budget ofStep = agent.settings().stepBudget();
        Budget stepLeft = ofStep == null ? Budget.NONE : ofStep.left(step.spentTokens, step.spentCostUsd,
                step.spentMs);
        Optional<String> stepOut = stepLeft.exhausted();
        if (stepOut.isPresent()) {
            return Uni.createFrom().item(new Left(stepLeft, "step " + step.stepId + " has spent "
                    + spent(stepOut.get(), step.spentTokens, step.spentCostUsd, step.spentMs) + " of its budget of "
                    + limit(stepOut.get(), ofStep) + " on agent '" + step.agentId + "'; raise it with `./dg agent"
                    + " config set " + step.agentId + " stepBudget." + field(stepOut.get()) + "=…`"));
        }
        Budget ofProject = agent.settings().projectBudget();
        if (ofProject == null || step.projectId == null) {
            return Uni.createFrom().item(new Left(stepLeft, null));
        }
        return steps.projectSpend(step.projectId, step.agentId, step.stepId).map(others -> {
            long tokens = others.tokens() + step.spentTokens;
            double cost = others.costUsd() + step.spentCostUsd;
            long millis = others.millis() + step.spentMs;
            Budget projectLeft = ofProject.left(tokens, cost, millis);
            String exhausted = projectLeft.exhausted().map(measure -> "project '" + step.projectId + "' has spent "
                    + spent(measure, tokens, cost, millis) + " of its budget of " + limit(measure, ofProject)
                    + " on agent '" + step.agentId + "'; raise it with `./dg agent config set " + step.agentId
                    + " --project " + step.projectId + " projectBudget." + field(measure) + "=…`").orElse(null);
            return new Left(stepLeft.tighter(projectLeft), exhausted);
        });
    }

    private static String field(String measure) {
        return measure.equals("cost") ? "costUsd" : measure;
    }

    private static String spent(String measure, long tokens, double cost, long millis) {
        return switch (measure) {
            case "tokens" -> tokens + " tokens";
            case "cost" -> String.format(Locale.ROOT, "$%.4f", cost);
            default -> millis / 1000 + " s";
        };
    }

    private static String limit(String measure, Budget budget) {
        return switch (measure) {
            case "tokens" -> budget.tokens() + " tokens";
            case "cost" -> String.format(Locale.ROOT, "$%.4f", budget.costUsd());
            default -> budget.seconds() + " s";
        };
    }
}
