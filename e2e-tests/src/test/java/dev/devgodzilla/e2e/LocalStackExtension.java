package dev.devgodzilla.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link LocalStack} for the whole test run (services take seconds to start) and stops
 * it when the run ends; test classes receive it as a parameter.
 */
final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStack.class);

    /** Closes the stack when JUnit closes the root store at the end of the run. */
    private record Handle(LocalStack stack) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Handle.class, key -> {
            try {
                return new Handle(LocalStack.start());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the local stack", e);
            }
        }, Handle.class).stack();
    }
}
