package dev.smtpdoctor.testing.opensmtpd;

import dev.smtpdoctor.testing.TestMtaUnavailableException;
import dev.smtpdoctor.testing.TestMtas;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link OpenSmtpdServer}: {@code @ExtendWith(OpenSmtpdExtension.class)} and an {@code OpenSmtpdServer}
 * parameter. One server per run, kept in the root store and closed at its end; a failed start is remembered.
 * When OpenSMTPD is not installed the tests are skipped — except in CI ({@link TestMtas#required()}), where they fail.
 */
public final class OpenSmtpdExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenSmtpdExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenSmtpdServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static OpenSmtpdServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Startup.class, k -> Startup.attempt(), Startup.class)
                .serverOrThrow();
    }

    private record Startup(OpenSmtpdServer server, TestMtaUnavailableException failure) implements AutoCloseable {

        static Startup attempt() {
            try {
                return new Startup(OpenSmtpdServer.start(), null);
            } catch (TestMtaUnavailableException e) {
                return new Startup(null, e);
            }
        }

        OpenSmtpdServer serverOrThrow() {
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
