package dev.devgodzilla.worker;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The worker's packages depend on each other in one direction only: no package reaches back. */
class PackageCyclesTest {
    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.devgodzilla.worker");

    @Test
    void noPackageCycles() {
        // every package is a slice, sub-packages included (way, way.cli, way.cli.process, ...)
        slices().matching("dev.devgodzilla.worker.(**)").should().beFreeOfCycles().check(WORKER);
    }
}
