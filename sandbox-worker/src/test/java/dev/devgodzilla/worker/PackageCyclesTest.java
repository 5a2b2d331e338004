package dev.devgodzilla.worker;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.testkit.PackageCycles;

/** The packages of the worker depend on each other in one direction only: no package reaches back. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        PackageCycles.assertNoneBelow("dev.devgodzilla.worker");
    }
}
