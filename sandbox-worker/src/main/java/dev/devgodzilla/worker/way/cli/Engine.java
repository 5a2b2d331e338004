package dev.devgodzilla.worker.way.cli;

import java.io.IOException;

/**
 * An agent this worker can run. The step's task type chooses between {@link #plan}, {@link #execute}
 * and {@link #qa}; each returns the command line, environment and output parser of one run, which the
 * worker starts inside the attempt's sandbox.
 */
public interface Engine {

    /** The catalogue id of the agent, e.g. {@code claude-code}. */
    String agentId();

    /** A read-only run that produces a plan. */
    EngineRun plan(EngineRequest request) throws IOException;

    /** A run that does the task; the default. */
    EngineRun execute(EngineRequest request) throws IOException;

    /** A read-only run that checks work done. */
    EngineRun qa(EngineRequest request) throws IOException;

    /** The run the request's task type asks for. */
    default EngineRun prepare(EngineRequest request) throws IOException {
        return switch (request.taskType()) {
            case PLAN -> plan(request);
            case QA -> qa(request);
            case EXECUTE -> execute(request);
        };
    }

    /** A cheap check, made before every attempt: can a run start at all (binary found, agent runnable)? */
    EngineHealth checkAvailability();


    /** Writes the agent's config files into the run's private HOME; engines without any do nothing. */
    default void syncConfig(EngineRequest request) throws IOException {
    }

    /** What an exit code of the agent means, for the failure reason. */
    default String describeExit(int exitCode) {
        return "the agent exited with code " + exitCode;
    }
}
