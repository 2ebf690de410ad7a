package dev.duplex.tck.container;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An Arquillian adapter that deploys plain WARs to embedded Undertow 2.3 (core + servlet, no
 * {@code undertow-websockets-jsr}): the released {@code undertow-embedded} adapter deploys only Undertow's own
 * archive types.
 *
 * <p>{@code start} runs one Undertow server on {@code bindAddress} and a port the operating system chooses (or
 * {@code bindHttpPort}), with a path handler that answers 404 outside the deployed context paths, 2 XNIO I/O threads
 * and 16 worker threads created up front. {@code deploy}
 * explodes the WAR into a temporary directory, gives it a {@link WarClassLoader} (WAR first), turns it into a
 * {@link DeploymentInfo} ({@link UndertowDeploymentInfos}: web.xml, servlet annotations, initializers found with
 * ServiceLoader and their {@code @HandlesTypes} classes, the test users), deploys and starts it, and mounts it at
 * {@code /<war name>}. A deployment that fails is logged through {@code java.util.logging} with its cause (as
 * Tomcat logs it) and reported to Arquillian as a {@link DeploymentException}; nothing of it stays mounted.
 * {@code undeploy} stops it (its listeners' {@code contextDestroyed} run), removes it, closes its class loader and
 * deletes its files.
 *
 * <p>Undertow calls upgraded connections' listeners on its XNIO I/O threads, and servlets and filters on worker
 * threads. Arquillian calls every method of this class on its test thread, one at a time.
 */
public final class UndertowWarContainer extends LoopbackWarContainer {

    private static final Logger LOG = Logger.getLogger(UndertowWarContainer.class.getName());
    private static final int IO_THREADS = 2;
    private static final int WORKER_THREADS = 16;
    private static final AtomicInteger WORKERS = new AtomicInteger();

    /** One deployed WAR. */
    private record Deployed(String contextPath, DeploymentInfo info, DeploymentManager manager,
            WarClassLoader loader, Path dir) {
    }

    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private TestUsersIdentityManager identities;
    private Path baseDir;
    private ServletContainer servletContainer;
    private PathHandler paths;
    private Undertow server;
    private XnioWorker worker;
    private ThreadPoolExecutor workerPool;
    private int port;
    private int serial;

    @Override
    public void setup(LoopbackWarConfiguration configuration) {
        super.setup(configuration);
        this.identities = new TestUsersIdentityManager(users);
    }

    @Override
    public void start() throws LifecycleException {
        String address = configuration.getBindAddress();
        try {
            baseDir = Files.createTempDirectory("duplex-tck-undertow-");
            servletContainer = ServletContainer.Factory.newInstance();
            paths = Handlers.path(ResponseCodeHandler.HANDLE_404);
            // Worker threads made up front, with the container's context class loader: XNIO would otherwise create
            // them on demand, inheriting the context class loader of whichever web application's request made
            // them, and keep that application's loader alive after its undeployment.
            workerPool = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), UndertowWarContainer::workerThread);
            workerPool.prestartAllCoreThreads();
            worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorkerBuilder()
                    .setWorkerName("undertow")
                    .setWorkerIoThreads(IO_THREADS)
                    .setExternalExecutorService(workerPool)
                    .setDaemon(true)
                    .build();
            server = Undertow.builder()
                    .setWorker(worker)
                    .addHttpListener(configuration.getBindHttpPort(), address)
                    .setHandler(paths)
                    .build();
            server.start();
            port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            throw startFailure("Undertow", e);
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
            if (worker != null) {
                worker.shutdown();
                if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            }
        } catch (RuntimeException e) {
            failures.add(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (workerPool != null) {
                workerPool.shutdownNow();
            }
            server = null;
            worker = null;
            workerPool = null;
            deleteRecursively(baseDir);
        }
        throwIfAny("Undertow", failures);
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String warName = archive.getName();
        String contextPath = "/" + (warName.endsWith(".war") ? warName.substring(0, warName.length() - 4) : warName);
        if (deployed.containsKey(warName)) {
            throw new DeploymentException(warName + " is already deployed");
        }
        Path dir = explode(archive, baseDir.resolve(contextPath.substring(1) + "-" + (++serial)));
        WarClassLoader loader = new WarClassLoader("war:" + contextPath, urls(dir), getClass().getClassLoader());
        DeploymentInfo info = null;
        DeploymentManager manager = null;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            info = UndertowDeploymentInfos.create(warName, contextPath, dir, loader, identities);
            manager = servletContainer.addDeployment(info);
            manager.deploy();
            HttpHandler handler = manager.start();
            paths.addPrefixPath(contextPath, handler);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.SEVERE, "Deployment of " + warName + " at " + contextPath + " failed", e);
            discard(new Deployed(contextPath, info, manager, loader, dir));
            throw new DeploymentException("Deployment of " + warName + " failed: " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        deployed.put(warName, new Deployed(contextPath, info, manager, loader, dir));

        return metaData(contextPath, port);
    }

    @Override
    void remove(String warName) {
        Deployed d = deployed.remove(warName);
        if (d == null) {
            return;
        }
        paths.removePrefixPath(d.contextPath());
        discard(d);
    }

    /** Stops what was started of a deployment and releases its class loader and files. */
    private void discard(Deployed d) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(d.loader());
        try {
            if (d.manager() != null) {
                try {
                    d.manager().stop();
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.WARNING, "Stopping " + d.contextPath() + " failed", e);
                }
                d.manager().undeploy();
            }
            if (d.info() != null && servletContainer.getDeployment(d.info().getDeploymentName()) != null) {
                servletContainer.removeDeployment(d.info()); // else the container keeps it, and its class loader
            }
            if (d.info() != null && d.info().getResourceManager() != null) {
                try {
                    d.info().getResourceManager().close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Closing the resources of " + d.contextPath() + " failed", e);
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            try {
                d.loader().close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the class loader of " + d.contextPath() + " failed", e);
            }
            deleteRecursively(d.dir());
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

    private static Thread workerThread(Runnable task) {
        Thread thread = new Thread(task, "undertow-worker-" + WORKERS.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(UndertowWarContainer.class.getClassLoader());
        return thread;
    }

    private static URL[] urls(Path dir) {
        List<URL> urls = new ArrayList<>();
        try {
            Path classes = dir.resolve("WEB-INF/classes");
            if (Files.isDirectory(classes)) {
                urls.add(classes.toUri().toURL());
            }
            Path lib = dir.resolve("WEB-INF/lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls.toArray(URL[]::new);
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
