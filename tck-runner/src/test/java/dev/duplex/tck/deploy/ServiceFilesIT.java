package dev.duplex.tck.deploy;

import dev.duplex.tck.support.DuplexWar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jars that every test WAR carries in {@code WEB-INF/lib} (named by {@link DuplexWar}'s system properties)
 * register Duplex through {@code META-INF/services}: the servlet container initializer that installs it in a web
 * application (WSC-6.2-1: the Servlet scanning mechanism finds the endpoints) and the platform default
 * {@code ServerEndpointConfig.Configurator} that the API loads with {@code ServiceLoader} (javadoc 193, 211).
 * No container needed: the files are read from the jars themselves.
 */
class ServiceFilesIT {

    /** WSC-6.2-1: the servlet-integration jar registers {@code DuplexInitializer}, which it contains. */
    @Test
    void servletIntegrationJarRegistersTheInitializer() throws IOException {
        Path jar = jar(DuplexWar.SERVLET_INTEGRATION_PROPERTY);

        assertEquals(List.of("dev.duplex.servlet.DuplexInitializer"),
                services(jar, "META-INF/services/jakarta.servlet.ServletContainerInitializer"));
        assertTrue(contains(jar, "dev/duplex/servlet/DuplexInitializer.class"), jar + " holds the initializer");
    }

    /** Javadoc 193, 211: the api-impl jar registers its default configurator, which it contains. */
    @Test
    void apiImplJarRegistersTheDefaultConfigurator() throws IOException {
        Path jar = jar(DuplexWar.API_IMPL_PROPERTY);

        assertEquals(List.of("dev.duplex.server.DefaultServerConfigurator"),
                services(jar, "META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator"));
        assertTrue(contains(jar, "dev/duplex/server/DefaultServerConfigurator.class"),
                jar + " holds the configurator");
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        assertNotNull(value, "system property " + property + " (set by the tck-runner pom)");
        Path path = Path.of(value);
        assertTrue(Files.exists(path), property + " names " + path + ", which does not exist");
        return path;
    }

    /** The non-comment lines of a service file in a jar or classes directory. */
    private static List<String> services(Path jar, String entry) throws IOException {
        String text;
        if (Files.isDirectory(jar)) {
            Path file = jar.resolve(entry);
            assertTrue(Files.isRegularFile(file), file + " exists");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } else {
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry e = file.getEntry(entry);
                assertNotNull(e, jar + " has " + entry);
                try (InputStream in = file.getInputStream(e)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return text.lines().map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
    }

    private static boolean contains(Path jar, String entry) throws IOException {
        if (Files.isDirectory(jar)) {
            return Files.isRegularFile(jar.resolve(entry));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        }
    }
}
