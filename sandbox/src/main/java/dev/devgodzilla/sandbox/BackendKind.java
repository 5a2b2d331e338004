package dev.devgodzilla.sandbox;

/** Which isolation backend the manager uses. */
public enum BackendKind {
    /** bubblewrap if installed, otherwise Docker or Podman when an engine is running; never {@link #NONE}. */
    AUTO,
    BWRAP,
    DOCKER,
    PODMAN,
    /** No isolation at all; only when configured on purpose, and always reported as a warning. */
    NONE
}
