package dev.devgodzilla.sandbox;

/** The two phases of a step: setup has network for installs and clones, execution has only the egress proxy. */
public enum Phase {
    SETUP,
    EXECUTION
}
