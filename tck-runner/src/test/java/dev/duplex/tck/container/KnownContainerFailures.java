package dev.duplex.tck.container;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Properties;

/**
 * Skips, with their reason, the tests listed for the running container (system property
 * {@code duplex.tck.container}) in {@code known-container-failures.properties}: a test that fails on one container
 * only, because of a Duplex bug that shows there or a difference between containers, stays enabled on the others
 * without its file having to know about containers. JUnit loads it for every test (extension auto-detection, set in
 * the failsafe configuration); it is stateless after construction.
 */
public final class KnownContainerFailures implements ExecutionCondition {

    private static final String RESOURCE = "/known-container-failures.properties";
    private final Properties known = new Properties();

    public KnownContainerFailures() {
        try (InputStream in = KnownContainerFailures.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                known.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String container = System.getProperty("duplex.tck.container");
        if (container == null || context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("no test method, or no container named");
        }
        Method method = context.getTestMethod().get();
        String reason = known.getProperty(container + "." + method.getDeclaringClass().getName() + "#"
                + method.getName());
        return reason == null ? ConditionEvaluationResult.enabled("not a known failure on " + container)
                : ConditionEvaluationResult.disabled("known failure on " + container + ": " + reason);
    }
}
