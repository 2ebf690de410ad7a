package dev.duplex.samples;

import dev.duplex.samples.cdi.GreeterEndpoint;
import dev.duplex.samples.chat.ChatEndpoint;
import dev.duplex.samples.echo.Echo64kEndpoint;
import dev.duplex.samples.echo.EchoEndpoint;
import dev.duplex.samples.ticker.TickerEndpoint;
import dev.duplex.servlet.DuplexInitializer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.JarResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.jboss.weld.environment.servlet.EnhancedListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The samples' embedded Tomcat: one connector on the given host and port, one web application at the root
 * context whose static files ({@code /static/**} on the class path) are served by Tomcat's DefaultServlet, whose
 * CDI container is Weld, and whose WebSocket endpoints ({@link #ENDPOINTS}) are deployed by Duplex.
 *
 * <p>{@link #start} blocks until Tomcat listens; {@link #close} may be called from any thread (the shutdown hook),
 * more than once, and blocks until Tomcat has stopped. Run one at a time per JVM: Weld's servlet integration keeps
 * its container in a static singleton, so a second server running at the same time breaks the first's shutdown.
 */
public final class SamplesServer implements AutoCloseable {

    /** The samples' endpoint classes, as a class-path scan would find them. */
    public static final Set<Class<?>> ENDPOINTS = Set.of(ChatEndpoint.class, TickerEndpoint.class,
            GreeterEndpoint.class, EchoEndpoint.class, Echo64kEndpoint.class);

    private static final String STATIC_ROOT = "/static";

    private final Tomcat tomcat;
    private final Path baseDir;
    private final String host;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SamplesServer(Tomcat tomcat, Path baseDir, String host, int port) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts Tomcat.
     *
     * @param host the address to listen on (a host name or an IP literal)
     * @param port the port to listen on; 0 lets the operating system choose one (see {@link #port()})
     * @throws IOException if Tomcat cannot start or cannot listen on {@code host:port}
     */
    public static SamplesServer start(String host, int port) throws IOException {
        Path baseDir = Files.createTempDirectory("duplex-samples-");
        Tomcat tomcat = new Tomcat();
        try {
            tomcat.setSilent(true);
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector("HTTP/1.1");
            connector.setPort(port);
            connector.setProperty("address", host);
            tomcat.setConnector(connector);

            Context context = tomcat.addContext("", null);
            if (context instanceof StandardContext standard) {
                // One application for the JVM's lifetime: the leak checks at shutdown only print warnings.
                standard.setClearReferencesThreadLocals(false);
                standard.setClearReferencesRmiTargets(false);
            }
            context.setResources(staticResources(context));
            Tomcat.addServlet(context, "default", new DefaultServlet());
            context.addServletMappingDecoded("/", "default");
            context.addWelcomeFile("index.html");
            Tomcat.addDefaultMimeTypeMappings(context);
            // addContext() does not look for ServletContainerInitializers on the class path: register them here.
            // Weld first (it finds the beans through META-INF/beans.xml), then Duplex, handed the endpoint
            // classes that a scan would have found for its @HandlesTypes.
            context.addServletContainerInitializer(new EnhancedListener(), null);
            context.addServletContainerInitializer(new DuplexInitializer(), ENDPOINTS);

            tomcat.start();
            if (connector.getState() != LifecycleState.STARTED || !context.getState().isAvailable()) {
                throw new IOException("Tomcat could not start on " + host + ":" + port
                        + " (connector " + connector.getState() + ", web application " + context.getState()
                        + "); the log above says why, for example a port already in use");
            }
            return new SamplesServer(tomcat, baseDir, host, connector.getLocalPort());
        } catch (LifecycleException | RuntimeException | IOException e) {
            stop(tomcat, baseDir);
            throw e instanceof IOException io ? io : new IOException("Tomcat could not start: " + e.getMessage(), e);
        }
    }

    /** The port Tomcat listens on (the operating system's choice when 0 was asked for). */
    public int port() {
        return port;
    }

    /** The page's address, for example {@code http://localhost:8080/}. */
    public String httpUrl() {
        return "http://" + authority() + "/";
    }

    /** A page's address, for example {@code http://localhost:8080/chat.html} for {@code "chat.html"}. */
    public String httpUrl(String page) {
        return httpUrl() + page;
    }

    /** A WebSocket endpoint's address, for example {@code ws://localhost:8080/echo}. */
    public String wsUrl(String path) {
        return "ws://" + authority() + path;
    }

    /** Blocks the calling thread until {@link #close()} stops the server. */
    public void await() {
        tomcat.getServer().await();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop(tomcat, baseDir);
        }
    }

    private String authority() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    /** Serves {@code /static/**} of the class path, from the jar or from a classes directory. */
    private static WebResourceRoot staticResources(Context context) throws IOException {
        URL index = SamplesServer.class.getResource(STATIC_ROOT + "/index.html");
        if (index == null) {
            throw new IOException(STATIC_ROOT + "/index.html is missing from the class path");
        }
        WebResourceRoot root = new StandardRoot(context);
        try {
            switch (index.getProtocol()) {
                case "jar" -> {
                    URL jar = ((JarURLConnection) index.openConnection()).getJarFileURL();
                    root.addPreResources(new JarResourceSet(root, "/", Path.of(jar.toURI()).toString(), STATIC_ROOT));
                }
                case "file" -> {
                    Path dir = Path.of(index.toURI()).getParent();
                    root.addPreResources(new DirResourceSet(root, "/", dir.toString(), "/"));
                }
                default -> throw new IOException("Cannot serve static files from " + index);
            }
        } catch (URISyntaxException e) {
            throw new IOException("Cannot serve static files from " + index, e);
        }
        return root;
    }

    private static void stop(Tomcat tomcat, Path baseDir) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            System.err.println("Tomcat did not stop cleanly: " + e);
        } finally {
            deleteRecursively(baseDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless; the next start uses a new one.
        }
    }
}
