package dev.portcullis.e2e.support;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives tests the shared {@link PortcullisStack}: started on first use, stopped when the whole test
 * run ends (the root store closes it), and on a failed test prints the tail of each service's log.
 */
public class PortcullisStackExtension implements ParameterResolver, TestWatcher {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PortcullisStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext);
    }

    /** The shared stack, registered in the root store so JUnit closes it after the last test class. */
    public static PortcullisStack stack(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(PortcullisStackExtension.class))
                .computeIfAbsent(StackHandle.class, key -> new StackHandle(PortcullisStack.get()), StackHandle.class)
                .stack();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.out.println("[e2e] FAILED " + context.getDisplayName() + " in "
                + context.getRequiredTestClass().getSimpleName() + ": " + cause);
        PortcullisStack.ifStarted(stack -> stack.printLogTails(40));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        System.out.println("[e2e] SKIPPED " + context.getDisplayName() + ": " + Optional.ofNullable(cause)
                .map(Throwable::getMessage).orElse(""));
    }

    /** Closed by JUnit when the root context closes, that is after every test class has run. */
    record StackHandle(PortcullisStack stack) implements AutoCloseable {
        @Override
        public void close() {
            System.out.println("[e2e] all tests done; stopping the stack");
            PortcullisStack.stopIfStarted();
        }
    }
}
