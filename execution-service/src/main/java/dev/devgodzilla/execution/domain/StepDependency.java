package dev.devgodzilla.execution.domain;

/** That {@code stepId} waits for {@code dependsOn} to pass QA. */
public class StepDependency {
    public String stepId;
    public String dependsOn;

    public static StepDependency of(String stepId, String dependsOn) {
        StepDependency d = new StepDependency();
        d.stepId = stepId;
        d.dependsOn = dependsOn;
        return d;
    }
}
