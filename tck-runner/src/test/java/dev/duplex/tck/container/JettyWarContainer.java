package dev.duplex.tck.container;

import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee10.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebXmlConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.HouseKeeper;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An Arquillian adapter that deploys plain WARs to embedded Jetty 12.0 (EE 10: core server, {@code jetty-ee10-webapp}
 * and {@code jetty-ee10-annotations}; no Jetty WebSocket module), as Jetty's own WAR deployer does: each WAR becomes
 * a {@link WebAppContext} (web.xml, servlet annotations, the {@code ServletContainerInitializer}s of
 * {@code WEB-INF/lib} with their {@code @HandlesTypes} classes, Jetty's web application class loader, WAR first).
 *
 * <p>{@code start} runs one Jetty server on {@code bindAddress} and a port the operating system chooses (or
 * {@code bindHttpPort}), whose {@link ContextHandlerCollection} answers 404 outside the deployed context paths, and
 * whose session house-keeper runs every second (as the Tomcat pass checks for expired HTTP sessions every second).
 * {@code deploy} explodes the WAR into a temporary directory and deploys it at {@code /<war name>}, configured the
 * way the Duplex README tells Jetty users to configure a {@code WebAppContext}: the four Jetty packages that
 * {@code duplex-jetty-integration} uses ({@code org.eclipse.jetty.io/server/util/http}) are un-hidden from the web
 * application. Its security handler authenticates the test users ({@link TestUsersLoginService}). A deployment that
 * fails is logged through {@code java.util.logging} with its cause (as Tomcat logs it) and reported to Arquillian
 * as a {@link DeploymentException}; nothing of it stays mounted. {@code undeploy} unmounts and stops it (its
 * listeners' {@code contextDestroyed} run; Jetty closes its class loader) and deletes its files.
 *
 * <p>Jetty runs everything (selectors, requests, upgraded connections) on its {@link QueuedThreadPool}, whose
 * threads carry the container's context class loader. Arquillian calls every method of this class on its test
 * thread, one at a time.
 */
public final class JettyWarContainer extends LoopbackWarContainer {

    private static final Logger LOG = Logger.getLogger(JettyWarContainer.class.getName());
    /** What the Duplex README tells Jetty users to add to a WebAppContext's hidden classes (README, "Jetty 12"). */
    private static final String[] UNHIDDEN_FOR_DUPLEX = {
        "-org.eclipse.jetty.io.", "-org.eclipse.jetty.server.", "-org.eclipse.jetty.util.", "-org.eclipse.jetty.http.",
    };
    /** The realm name of the login service (Jetty uses a login service given explicitly whatever the web.xml says). */
    private static final String REALM = "duplex-tck";

    /** One deployed WAR. */
    private record Deployed(String contextPath, WebAppContext context, Path dir) {
    }

    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private Path baseDir;
    private Server server;
    private ContextHandlerCollection contexts;
    private int port;
    private int serial;

    @Override
    public void start() throws LifecycleException {
        String address = configuration.getBindAddress();
        try {
            baseDir = Files.createTempDirectory("duplex-tck-jetty-");
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("jetty");
            threads.setDaemon(true);
            server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(address);
            connector.setPort(configuration.getBindHttpPort());
            server.addConnector(connector);

            DefaultSessionIdManager sessionIds = new DefaultSessionIdManager(server);
            HouseKeeper houseKeeper = new HouseKeeper();
            houseKeeper.setIntervalSec(1);
            sessionIds.setSessionHouseKeeper(houseKeeper);
            server.addBean(sessionIds, true);

            contexts = new ContextHandlerCollection();
            server.setHandler(contexts);
            server.start();
            port = connector.getLocalPort();
        } catch (Exception e) {
            throw startFailure("Jetty", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        List<Exception> failures = new ArrayList<>();
        removeAll(deployed.keySet(), failures);
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            failures.add(e);
        } finally {
            server = null;
            contexts = null;
            deleteRecursively(baseDir);
        }
        throwIfAny("Jetty", failures);
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String warName = archive.getName();
        String contextPath = "/" + (warName.endsWith(".war") ? warName.substring(0, warName.length() - 4) : warName);
        if (deployed.containsKey(warName)) {
            throw new DeploymentException(warName + " is already deployed");
        }
        String dirName = contextPath.substring(1) + "-" + (++serial);
        Path dir = explode(archive, baseDir.resolve(dirName));
        WebAppContext context = new WebAppContext();
        context.setContextPath(contextPath);
        context.setDisplayName(warName);
        context.setWar(dir.toString());
        context.setTempDirectory(baseDir.resolve(dirName + "-tmp").toFile());
        context.setParentLoaderPriority(false);
        context.setThrowUnavailableOnStartupException(true);
        context.setConfigurations(new Configuration[] {
            new WebInfConfiguration(), new WebXmlConfiguration(), new MetaInfConfiguration(),
            new FragmentConfiguration(), new WebAppConfiguration(), new AnnotationConfiguration(),
            new JettyWebXmlConfiguration(),
        });
        context.getHiddenClassMatcher().add(UNHIDDEN_FOR_DUPLEX);
        context.getSecurityHandler().setLoginService(new TestUsersLoginService(REALM, users));
        Deployed d = new Deployed(contextPath, context, dir);
        try {
            contexts.addHandler(context);
            // Added to a running collection, the context would be an unmanaged bean, which Jetty's bean tree does
            // not descend into: the session id manager would not find its SessionHandler, and the house-keeper would
            // never expire its HTTP sessions. Managed, it is part of the server like a context deployed at start.
            contexts.manage(context);
            context.start();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.SEVERE, "Deployment of " + warName + " at " + contextPath + " failed", e);
            discard(d);
            throw new DeploymentException("Deployment of " + warName + " failed: " + e, e);
        }
        deployed.put(warName, d);

        return metaData(contextPath, port);
    }

    @Override
    void remove(String warName) {
        Deployed d = deployed.remove(warName);
        if (d != null) {
            discard(d);
        }
    }

    /** Unmounts and stops what was started of a deployment, and deletes its files. */
    private void discard(Deployed d) {
        try {
            if (contexts != null) {
                contexts.removeHandler(d.context());
            }
            try {
                d.context().stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Stopping " + d.contextPath() + " failed", e);
            }
            d.context().destroy();
        } finally {
            deleteRecursively(d.dir());
            deleteRecursively(d.dir().resolveSibling(d.dir().getFileName() + "-tmp"));
        }
    }

    /**
     * Unpacks the WAR as a container would (ShrinkWrap's exploded exporter would also explode the jars of
     * {@code WEB-INF/lib}, which must stay jars).
     */
    private static Path explode(Archive<?> archive, Path dir) throws DeploymentException {
        try {
            Files.createDirectories(dir);
            try (ZipInputStream zip = new ZipInputStream(archive.as(ZipExporter.class).exportAsInputStream())) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new DeploymentException("WAR entry outside the WAR: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new DeploymentException("Cannot unpack " + archive.getName() + " into " + dir, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
