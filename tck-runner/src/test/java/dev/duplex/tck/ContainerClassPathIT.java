package dev.duplex.tck;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The embedded container's class path (in client-mode Arquillian, the test class path) carries no WebSocket
 * implementation: not Tomcat's own ({@code tomcat-embed-websocket}), and not Duplex either, which each test WAR
 * brings in {@code WEB-INF/lib}, so that Tomcat discovers exactly one WebSocket initializer per web application.
 */
class ContainerClassPathIT {

    private static final String SCI_SERVICE = "META-INF/services/jakarta.servlet.ServletContainerInitializer";
    private static final ClassLoader CONTAINER = Tomcat.class.getClassLoader();

    @Test
    void tomcatsOwnWebSocketImplementationIsNotLoadable() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.tomcat.websocket.server.WsSci", false, CONTAINER));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.tomcat.websocket.WsWebSocketContainer", false, CONTAINER));
    }

    @Test
    void duplexIsNotOnTheContainerClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("dev.duplex.servlet.DuplexInitializer", false, CONTAINER));
    }

    @Test
    void noWebSocketInitializerIsRegisteredOnTheContainerClassPath() throws IOException {
        List<String> initializers = new ArrayList<>();
        for (URL file : Collections.list(CONTAINER.getResources(SCI_SERVICE))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                reader.lines().map(line -> line.replaceFirst("#.*", "").trim())
                        .filter(line -> !line.isEmpty())
                        .forEach(line -> initializers.add(line + " (" + file + ")"));
            }
        }

        assertFalse(initializers.stream().anyMatch(i -> i.contains("websocket") || i.contains("dev.duplex")),
                "ServletContainerInitializers on the container class path: " + initializers);
    }
}
