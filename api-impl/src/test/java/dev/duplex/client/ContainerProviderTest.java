package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ContainerProvider.getWebSocketContainer()} finds Duplex when Duplex is the only implementation on the class
 * path: the test loads the Jakarta API through a fresh class loader over only api-impl's classes and the two
 * Jakarta WebSocket API jars (the shared test class path also holds Tomcat's and Jetty's providers).
 */
class ContainerProviderTest {

    @Test
    void serviceFileNamesOurProvider() throws Exception {
        Path classes = Path.of(WsClientContainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path service = classes.resolve("META-INF/services/jakarta.websocket.ContainerProvider");
        assertEquals("dev.duplex.client.WsContainerProvider", Files.readString(service).trim());
    }

    @Test
    void discoveredWhenOnlyDuplexIsOnTheClassPath() throws Exception {
        Path classes = Path.of(WsClientContainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        urls.add(apiJar("jakarta.websocket-client-api-"));
        urls.add(apiJar("jakarta.websocket-api-"));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(isolated);   // ServiceLoader.load uses it
            Class<?> provider = isolated.loadClass("jakarta.websocket.ContainerProvider");
            Method get = provider.getMethod("getWebSocketContainer");
            Object first = get.invoke(null);
            Object second = get.invoke(null);
            assertEquals("dev.duplex.client.WsClientContainer", first.getClass().getName());
            assertEquals(isolated, first.getClass().getClassLoader());
            assertNotSame(first, second, "a new container per call");
            try (InputStream in = isolated.getResourceAsStream("META-INF/services/jakarta.websocket.ContainerProvider")) {
                assertEquals("dev.duplex.client.WsContainerProvider",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            }
            assertEquals(1, Collections.list(isolated.getResources(
                    "META-INF/services/jakarta.websocket.ContainerProvider")).size());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The Jakarta API jar whose file name starts with {@code prefix}, from the test class path. */
    private static URL apiJar(String prefix) throws Exception {
        List<String> entries = new ArrayList<>();
        for (String property : new String[] {"surefire.test.class.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                entries.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && path.getFileName().toString().startsWith(prefix)) {
                return path.toUri().toURL();
            }
        }
        assertTrue(false, "no " + prefix + "*.jar on the test class path: " + entries);
        return null;
    }
}
