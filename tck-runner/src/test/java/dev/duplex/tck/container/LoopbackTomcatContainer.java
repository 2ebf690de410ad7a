package dev.duplex.tck.container;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ContextName;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.tomcat.embedded.EmbeddedHostConfig;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded Tomcat 11 container of the TCK runs, in place of the adapter's {@code Tomcat10EmbeddedContainer}
 * (arquillian-tomcat-embedded-10 1.2.0.Final), whose configuration ({@code arquillian.xml}), host config and context
 * config it keeps. It differs in three ways:
 * <ul>
 *   <li>the connector listens on {@code bindAddress} only (the adapter leaves Tomcat's connector on every
 *       interface and uses {@code bindAddress} only as a host name);</li>
 *   <li>{@code bindHttpPort} 0 lets the operating system choose the port, and deployments report the real port
 *       (the adapter reports the configured 0 in the {@code @ArquillianResource URL});</li>
 *   <li>web applications do not scan the test class path for {@code @HandlesTypes}: see
 *       {@link IsolatedContextConfig}.</li>
 * </ul>
 * Its engine authenticates against the {@code users} of the configuration ({@link TestUsersRealm}), so that a test
 * WAR's {@code <login-config>} works without a realm of its own.
 *
 * <p>Arquillian calls every method on its test thread, one at a time.
 */
public final class LoopbackTomcatContainer implements DeployableContainer<LoopbackTomcatConfiguration> {

    @Inject
    @DeploymentScoped
    private InstanceProducer<StandardContext> standardContextProducer;

    private LoopbackTomcatConfiguration configuration;
    private Path baseDir;
    private Tomcat tomcat;
    private StandardHost host;
    private EmbeddedHostConfig hostConfig;
    private int port;

    @Override
    public Class<LoopbackTomcatConfiguration> getConfigurationClass() {
        return LoopbackTomcatConfiguration.class;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public void setup(LoopbackTomcatConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        String address = configuration.getBindAddress();
        try {
            baseDir = Files.createTempDirectory("duplex-tck-tomcat-");
            File appBase = Files.createDirectory(baseDir.resolve("webapps")).toFile();

            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setHostname(address); // before getEngine(): it becomes the engine's default host
            tomcat.getService().setName(configuration.getServerName());
            tomcat.getEngine().setName(configuration.getServerName());
            tomcat.getEngine().setRealm(new TestUsersRealm(TestUsers.parse(configuration.getUsers())));
            Connector connector = new Connector("HTTP/1.1");
            connector.setPort(configuration.getBindHttpPort());
            connector.setProperty("address", address);
            tomcat.setConnector(connector);

            // Our own host (not Tomcat.getHost()) so that the host config listens before the host starts.
            host = new StandardHost();
            host.setName(address);
            host.setAppBase(appBase.getAbsolutePath());
            host.setDeployOnStartup(false);
            host.setAutoDeploy(false);
            host.setUnpackWARs(configuration.isUnpackArchive());
            host.setConfigClass(IsolatedContextConfig.class.getName());
            hostConfig = new EmbeddedHostConfig();
            host.addLifecycleListener(hostConfig);
            tomcat.getEngine().addChild(host);

            tomcat.start();
            if (connector.getState() != LifecycleState.STARTED) {
                throw new LifecycleException("Tomcat's connector did not start on " + address + ":"
                        + configuration.getBindHttpPort() + " (state " + connector.getState() + "); see the log");
            }
            port = connector.getLocalPort();
        } catch (IOException | org.apache.catalina.LifecycleException | LifecycleException e) {
            LifecycleException failure = e instanceof LifecycleException le ? le
                    : new LifecycleException("Failed to start embedded Tomcat on " + address, e);
            try {
                stop();
            } catch (LifecycleException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } catch (org.apache.catalina.LifecycleException e) {
            throw new LifecycleException("Failed to stop embedded Tomcat", e);
        } finally {
            tomcat = null;
            deleteRecursively(baseDir);
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        File war = new File(host.getAppBaseFile(), archive.getName());
        archive.as(ZipExporter.class).exportTo(war, true);
        hostConfig.deployWAR(archive.getName());

        ContextName name = new ContextName(archive.getName(), true);
        Context context = (Context) host.findChild(name.getName());
        if (context == null || !context.getState().isAvailable()) {
            throw new DeploymentException("Web application " + name.getPath() + " did not start ("
                    + (context == null ? "not deployed" : "state " + context.getState()) + "); see the log");
        }
        standardContextProducer.set((StandardContext) context);

        HTTPContext httpContext = new HTTPContext(configuration.getBindAddress(), port);
        for (String mapping : context.findServletMappings()) {
            httpContext.add(new Servlet(context.findServletMapping(mapping), name.getPath()));
        }
        return new ProtocolMetaData().addContext(httpContext);
    }

    @Override
    public void undeploy(Archive<?> archive) {
        hostConfig.undeployWAR(archive.getName());
        File war = new File(host.getAppBaseFile(), archive.getName());
        if (war.exists() && !war.delete()) {
            war.deleteOnExit();
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptor deployments are not supported");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptor deployments are not supported");
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
