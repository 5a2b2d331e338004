package dev.devgodzilla.sandbox.limits;

/**
 * Per-run resource limits; a value of 0 means "no limit".
 *
 * @param memoryBytes memory of the whole sandbox (a memory cgroup); where the worker cannot create one, the
 *                    address-space limit of each process (RLIMIT_AS)
 * @param maxProcesses processes (and threads) the sandbox may have at once (a pids cgroup, else RLIMIT_NPROC)
 * @param maxOpenFiles open file descriptors per process (RLIMIT_NOFILE)
 * @param cpuSeconds CPU time per process (RLIMIT_CPU)
 * @param maxOutputBytes stdout plus stderr bytes read before the run is killed
 */
public record ResourceLimits(long memoryBytes, int maxProcesses, int maxOpenFiles, long cpuSeconds, long maxOutputBytes) {

    public ResourceLimits {
        if (memoryBytes < 0 || maxProcesses < 0 || maxOpenFiles < 0 || cpuSeconds < 0 || maxOutputBytes < 0) {
            throw new IllegalArgumentException("resource limits must not be negative");
        }
    }

    public static ResourceLimits none() {
        return new ResourceLimits(0, 0, 0, 0, 0);
    }

    /** Limits that suit a typical agent run: 4 GiB memory, 512 processes, 4096 files, 64 MiB output. */
    public static ResourceLimits defaults() {
        return new ResourceLimits(4L << 30, 512, 4096, 0, 64L << 20);
    }

    public ResourceLimits withMemoryBytes(long value) {
        return new ResourceLimits(value, maxProcesses, maxOpenFiles, cpuSeconds, maxOutputBytes);
    }

    public ResourceLimits withMaxProcesses(int value) {
        return new ResourceLimits(memoryBytes, value, maxOpenFiles, cpuSeconds, maxOutputBytes);
    }

    public ResourceLimits withMaxOpenFiles(int value) {
        return new ResourceLimits(memoryBytes, maxProcesses, value, cpuSeconds, maxOutputBytes);
    }

    public ResourceLimits withCpuSeconds(long value) {
        return new ResourceLimits(memoryBytes, maxProcesses, maxOpenFiles, value, maxOutputBytes);
    }

    public ResourceLimits withMaxOutputBytes(long value) {
        return new ResourceLimits(memoryBytes, maxProcesses, maxOpenFiles, cpuSeconds, value);
    }

    /** True when a per-process rlimit has to be applied (the output cap is enforced by the reader instead). */
    public boolean hasRlimits() {
        return memoryBytes > 0 || maxOpenFiles > 0 || cpuSeconds > 0;
    }
}
