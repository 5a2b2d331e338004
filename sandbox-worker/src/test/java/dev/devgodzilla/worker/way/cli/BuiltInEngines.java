package dev.devgodzilla.worker.way.cli;

import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The built-in CLI engines, found as the worker finds its beans: every concrete {@link Engine} class of
 * the agents package, built with the given settings. A test of "every agent" needs no list of its own.
 */
final class BuiltInEngines {
    static final String PACKAGE = "dev.devgodzilla.worker.way.cli.agents";

    private BuiltInEngines() {
    }

    static List<Engine> all(CliEngineSettings settings) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PACKAGE).stream()
                .filter(c -> c.getPackageName().equals(PACKAGE) && c.isAssignableTo(Engine.class))
                .filter(c -> !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .sorted(Comparator.comparing(JavaClass::getName))
                .map(c -> create(c.reflect(), settings))
                .toList();
    }

    static Engine of(String agentId, CliEngineSettings settings) {
        return all(settings).stream().filter(e -> e.agentId().equals(agentId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in engine for " + agentId));
    }

    private static Engine create(Class<?> type, CliEngineSettings settings) {
        try {
            if (Modifier.isAbstract(type.getModifiers())) {
                throw new IllegalStateException(type + " is abstract");
            }
            return (Engine) type.getConstructor(CliEngineSettings.class).newInstance(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a public (CliEngineSettings) constructor", e);
        }
    }
}
