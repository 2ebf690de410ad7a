package dev.duplex.tck.container;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Each container pass runs on exactly the container it names (system property {@code duplex.tck.container}, set by
 * the failsafe execution), and its class path (in client-mode Arquillian, the embedded container's class path)
 * carries no WebSocket implementation: not Tomcat's, Undertow's or Jetty's, and not Duplex, which each test WAR
 * brings in WEB-INF/lib. No WebSocket service file is visible outside the WARs either.
 */
class ContainerSelectionIT {

    private static final ClassLoader CLASS_PATH = ContainerSelectionIT.class.getClassLoader();

    @Test
    void exactlyTheSelectedContainerIsOnTheClassPath() {
        String container = System.getProperty("duplex.tck.container");
        assertNotNull(container, "duplex.tck.container (set by the failsafe execution)");
        assertEquals("tomcat".equals(container), loadable("org.apache.catalina.startup.Tomcat"), "Tomcat present");
        assertEquals("undertow".equals(container), loadable("io.undertow.Undertow"), "Undertow present");
        assertEquals("jetty".equals(container), loadable("org.eclipse.jetty.server.Server"), "Jetty present");
    }

    @Test
    void noWebSocketImplementationIsOnTheContainerClassPath() {
        for (String implementation : List.of(
                "org.apache.tomcat.websocket.server.WsSci",
                "org.apache.tomcat.websocket.WsWebSocketContainer",
                "io.undertow.websockets.jsr.Bootstrap",
                "io.undertow.websockets.jsr.UndertowContainerProvider",
                "org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer",
                "dev.duplex.servlet.DuplexInitializer",
                "dev.duplex.server.WsServerContainer")) {
            assertFalse(loadable(implementation), implementation + " is loadable from the container class path");
        }
    }

    @Test
    void noWebSocketServiceFileIsOnTheContainerClassPath() throws IOException {
        for (String service : List.of("jakarta.websocket.ContainerProvider",
                "jakarta.websocket.server.ServerEndpointConfig$Configurator")) {
            List<URL> files = Collections.list(CLASS_PATH.getResources("META-INF/services/" + service));
            assertEquals(List.of(), files, "service files for " + service);
        }
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, CLASS_PATH);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
