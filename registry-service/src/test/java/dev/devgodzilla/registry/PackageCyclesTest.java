package dev.devgodzilla.registry;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.testkit.PackageCycles;

/** The packages of registry-service depend on each other in one direction only: no package reaches back. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        PackageCycles.assertNoneBelow("dev.devgodzilla.registry");
    }
}
