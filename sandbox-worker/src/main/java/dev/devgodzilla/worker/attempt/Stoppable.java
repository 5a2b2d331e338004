package dev.devgodzilla.worker.attempt;

/** What an attempt runs on this worker and can be stopped: a process in the attempt's sandbox. */
public interface Stoppable {

    /** Asks the work to stop; the first reason given wins. */
    void stop(Termination reason);

    /** The host pid of the work's root process. */
    long pid();
}
