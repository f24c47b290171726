package dev.smtpdoctor.testing.opensmtpd;

import dev.smtpdoctor.testing.TestMtaUnavailableException;
import dev.smtpdoctor.testing.TestMtas;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link OpenSmtpdServer}: {@code @ExtendWith(OpenSmtpdExtension.class)} and an {@code OpenSmtpdServer}
 * parameter. One server per run, kept in the root store and closed at its end; a failed start is remembered.
 * When OpenSMTPD is not installed the tests are skipped — except in CI ({@link TestMtas#required()}), where they fail.
 */
public final class OpenSmtpdExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenSmtpdExtension.class);

    /**
     * Each test is skipped, with the reason, when the server is not installed and this is not CI
     * ({@link TestMtas#skipReason}); a condition, because an assumption failing while the test's constructor
     * parameter is resolved counts as an error, not a skip. JUnit creates the test instance before it evaluates
     * this, so {@link #resolveParameter} gives {@code null} in that one case; the test then never runs.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test");
        }
        Startup s = startup(context);
        return s.failure() == null ? ConditionEvaluationResult.enabled("started")
                : TestMtas.skipReason(s.failure()).map(ConditionEvaluationResult::disabled)
                        .orElse(ConditionEvaluationResult.enabled("fails: " + s.failure().getMessage()));
    }

    /**
     * Starts the server before the class's first test. A start that failed fails (or, when not installed
     * outside CI, skips) each test as it asks for the server, so every skipped test reports why.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        startup(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenSmtpdServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Startup s = startup(context);
        if (s.failure() != null && TestMtas.skipReason(s.failure()).isPresent()) {
            return null; // skipped by evaluateExecutionCondition before it runs
        }
        return s.serverOrThrow();
    }

    private static OpenSmtpdServer server(ExtensionContext context) {
        return startup(context).serverOrThrow();
    }

    private static Startup startup(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Startup.class, k -> Startup.attempt(), Startup.class);
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
