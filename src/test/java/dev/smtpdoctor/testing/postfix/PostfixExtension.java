package dev.smtpdoctor.testing.postfix;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PostfixServer}: {@code @ExtendWith(PostfixExtension.class)} on the class, and
 * a {@code PostfixServer} parameter on a test, lifecycle method or constructor.
 *
 * <p>One server per test run: it is kept in the root context's store, shared by every class that uses
 * the extension, and closed (daemons stopped, files deleted) when that store closes at the end of the
 * run — JUnit closes {@link AutoCloseable} store values since 5.13. {@link PostfixServer} also has a
 * shutdown hook for runs that end otherwise.
 *
 * <p>A failed start is remembered, so every class fails at once with the same message (for example,
 * "run scripts/install-test-deps.sh") instead of retrying the start.
 */
public final class PostfixExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostfixExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostfixServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static PostfixServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Startup.class, k -> Startup.attempt(), Startup.class)
                .serverOrThrow();
    }

    /** The outcome of the one start attempt of this run. */
    private record Startup(PostfixServer server, PostfixUnavailableException failure) implements AutoCloseable {

        static Startup attempt() {
            try {
                return new Startup(PostfixServer.start(), null);
            } catch (PostfixUnavailableException e) {
                return new Startup(null, e);
            }
        }

        PostfixServer serverOrThrow() {
            if (failure != null) {
                throw new PostfixUnavailableException(failure.getMessage(), failure);
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
