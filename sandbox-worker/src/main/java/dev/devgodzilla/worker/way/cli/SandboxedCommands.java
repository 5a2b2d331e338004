package dev.devgodzilla.worker.way.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.Phase;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.way.cli.process.OutputListener;
import dev.devgodzilla.worker.way.cli.process.ProcessOutcome;
import dev.devgodzilla.worker.way.cli.process.ProcessRunner;
import dev.devgodzilla.worker.way.cli.process.ProcessSpec;
import dev.devgodzilla.worker.way.cli.process.RunningProcess;

/**
 * The two commands of a CLI attempt, run in its sandbox under the job's limits: the setup command, if
 * the job has one, then the agent. Each is attached to the attempt, so a cancel or the shutdown stops it.
 */
@ApplicationScoped
public class SandboxedCommands {
    private final ProcessRunner processes;
    private final WorkerConfig config;

    public SandboxedCommands(ProcessRunner processes, WorkerConfig config) {
        this.processes = processes;
        this.config = config;
    }

    /** Runs the job's setup command; null when there is none. */
    public ProcessOutcome setup(Attempt attempt, Sandbox sandbox, OutputListener listener) {
        String command = attempt.job().setupCommand();
        if (command == null || command.isBlank()) {
            return null;
        }
        Duration limit = config.sandbox().setupTimeout();
        ProcessSpec spec = new ProcessSpec(List.of("bash", "-c", command), sandbox.workspace(), Map.of(), limit, limit,
                config.killGrace());
        return run(attempt, sandbox, Phase.SETUP, spec, listener);
    }

    /** Runs the agent's command line under the job's wall-clock and idle limits. */
    public ProcessOutcome agent(Attempt attempt, EngineRun run, Sandbox sandbox, OutputListener listener) {
        SandboxJob job = attempt.job();
        ProcessSpec spec = run.spec(sandbox.workspace(), Duration.ofSeconds(Math.max(0, job.timeoutSeconds())),
                Duration.ofSeconds(Math.max(0, job.idleTimeoutSeconds())), config.killGrace());
        return run(attempt, sandbox, Phase.EXECUTION, spec, listener);
    }

    private ProcessOutcome run(Attempt attempt, Sandbox sandbox, Phase phase, ProcessSpec spec,
                               OutputListener listener) {
        RunningProcess process = processes.start(sandbox, phase, spec, listener);
        attempt.attach(process);
        return process.await();
    }
}
