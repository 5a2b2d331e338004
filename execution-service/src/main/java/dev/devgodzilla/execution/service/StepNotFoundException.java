package dev.devgodzilla.execution.service;

/** No step has the id an operation named. */
public class StepNotFoundException extends RuntimeException {
    private final String stepId;

    public StepNotFoundException(String stepId) {
        super("no step with id " + stepId);
        this.stepId = stepId;
    }

    public String stepId() {
        return stepId;
    }
}
