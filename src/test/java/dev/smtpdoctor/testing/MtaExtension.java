package dev.smtpdoctor.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a private MTA of type {@code S} as a parameter: one server per run, kept in the root store and
 * closed at its end; a failed start is remembered. When the MTA is not installed the tests are skipped — except
 * in CI ({@link TestMtas#required()}), where they fail. Subclassed once per MTA (JUnit wants a no-argument
 * constructor), e.g. {@code EximExtension}.
 *
 * @param <S> the server type a test asks for
 */
public abstract class MtaExtension<S extends AutoCloseable>
        implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    /** Starts the MTA, or says why it cannot run here. */
    @FunctionalInterface
    protected interface Starter<S> {
        S start() throws TestMtaUnavailableException;
    }

    private final Class<S> type;
    private final Starter<S> starter;
    private final ExtensionContext.Namespace namespace;

    protected MtaExtension(Class<S> type, Starter<S> starter) {
        this.type = type;
        this.starter = starter;
        this.namespace = ExtensionContext.Namespace.create(getClass());
    }

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
        Startup<S> s = startup(context);
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
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Startup<S> s = startup(context);
        if (s.failure() != null && TestMtas.skipReason(s.failure()).isPresent()) {
            return null; // skipped by evaluateExecutionCondition before it runs
        }
        if (s.failure() != null) {
            throw TestMtas.unavailable(s.failure());
        }
        return s.server();
    }

    @SuppressWarnings("unchecked")
    private Startup<S> startup(ExtensionContext context) {
        return context.getRoot().getStore(namespace)
                .getOrComputeIfAbsent(Startup.class, k -> attempt(), Startup.class);
    }

    private Startup<S> attempt() {
        try {
            return new Startup<>(starter.start(), null);
        } catch (TestMtaUnavailableException e) {
            return new Startup<>(null, e);
        }
    }

    private record Startup<S extends AutoCloseable>(S server, TestMtaUnavailableException failure)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
