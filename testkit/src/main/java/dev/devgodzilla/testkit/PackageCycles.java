package dev.devgodzilla.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Checks that the packages of a module depend on each other in one direction only, over its compiled
 * production classes. Every package below the root is a slice of its own, sub-packages included.
 */
public final class PackageCycles {
    private PackageCycles() {
    }

    /** Throws an {@link AssertionError} naming every cycle among the packages below {@code root}. */
    public static void assertNoneBelow(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        // a class at the root would sit outside every slice, so a cycle through it would go unseen
        noClasses().should().resideInAPackage(root).allowEmptyShould(true).check(classes);
        slices().matching(root + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
