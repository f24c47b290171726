package dev.smtpdoctor.testing.exim;

import dev.smtpdoctor.testing.TestMtaUnavailableException;
import dev.smtpdoctor.testing.TestMtas;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link EximServer}: {@code @ExtendWith(EximExtension.class)} and an {@code EximServer}
 * parameter. One server per run, kept in the root store and closed at its end; a failed start is remembered.
 * When Exim is not installed the tests are skipped — except in CI ({@link TestMtas#required()}), where they fail.
 */
public final class EximExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EximExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EximServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static EximServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Startup.class, k -> Startup.attempt(), Startup.class)
                .serverOrThrow();
    }

    private record Startup(EximServer server, TestMtaUnavailableException failure) implements AutoCloseable {

        static Startup attempt() {
            try {
                return new Startup(EximServer.start(), null);
            } catch (TestMtaUnavailableException e) {
                return new Startup(null, e);
            }
        }

        EximServer serverOrThrow() {
            if (failure != null) {
                throw TestMtas.unavailable(failure);
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
