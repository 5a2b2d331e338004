package dev.devgodzilla.qa;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.testkit.PackageCycles;

/** The packages of qa-service depend on each other in one direction only: no package reaches back. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        PackageCycles.assertNoneBelow("dev.devgodzilla.qa");
    }
}
