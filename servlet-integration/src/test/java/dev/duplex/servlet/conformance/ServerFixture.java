package dev.duplex.servlet.conformance;

import dev.duplex.servlet.testing.UndertowServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded server per test class, with Duplex installed as a web application would get it and the test
 * endpoints deployed. The system property {@value #CONTAINER_KEY} picks the container: {@code tomcat} (the default,
 * {@link TomcatServer}) or {@code undertow} ({@link UndertowServer}; undertow-integration runs the suite so). Only
 * the chosen container's classes are loaded, so a module's test class path needs only that one.
 * Register as a static {@code @RegisterExtension} field; JUnit calls it on the test class's thread.
 */
final class ServerFixture implements BeforeAllCallback, AfterAllCallback {

    static final String CONTAINER_KEY = "duplex.conformance.container";
    private static final Set<Class<?>> ENDPOINTS =
            Set.of(EchoEndpoint.class, SmallEchoEndpoint.class, ClosingEndpoint.class);

    private AutoCloseable server;
    private int port;

    int port() {
        return port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String container = System.getProperty(CONTAINER_KEY, "tomcat");
        switch (container) {
            case "tomcat" -> startTomcat();
            case "undertow" -> startUndertow();
            default -> throw new IllegalArgumentException(CONTAINER_KEY + "='" + container
                    + "' must be 'tomcat' or 'undertow'");
        }
    }

    private void startTomcat() throws Exception {
        TomcatServer tomcat = new TomcatServer(ENDPOINTS);
        server = tomcat;
        port = tomcat.port();
    }

    private void startUndertow() throws Exception {
        UndertowServer undertow = new UndertowServer(Map.of(), ENDPOINTS);
        server = undertow;
        port = undertow.port();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
