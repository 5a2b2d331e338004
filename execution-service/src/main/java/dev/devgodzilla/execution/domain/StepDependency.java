package dev.devgodzilla.execution.domain;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** That {@code stepId} waits for {@code dependsOn} to pass QA. */
@Entity
@Table(name = "step_dependencies")
@IdClass(StepDependency.Key.class)
public class StepDependency extends PanacheEntityBase {
    @Id
    @Column(name = "step_id")
    public String stepId;

    @Id
    @Column(name = "depends_on")
    public String dependsOn;

    public static StepDependency of(String stepId, String dependsOn) {
        StepDependency d = new StepDependency();
        d.stepId = stepId;
        d.dependsOn = dependsOn;
        return d;
    }

    /** The primary key: a step and one step it depends on. */
    public static class Key implements Serializable {
        public String stepId;
        public String dependsOn;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.stepId, stepId) && Objects.equals(k.dependsOn, dependsOn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(stepId, dependsOn);
        }
    }
}
