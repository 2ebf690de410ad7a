package dev.duplex.tck.container;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import java.util.Collection;
import java.util.List;

/**
 * What our own WAR adapters ({@link UndertowWarContainer}, {@link JettyWarContainer}) share: the
 * {@link LoopbackWarConfiguration} and its test users, the protocol, undeployment by archive name, and the
 * metadata that tells {@code @ArquillianResource URL} where a deployment answers. Each subclass starts its
 * container, deploys a WAR and removes a deployment. Arquillian calls every method on its test thread, one at a time.
 */
abstract class LoopbackWarContainer implements DeployableContainer<LoopbackWarConfiguration> {

    LoopbackWarConfiguration configuration;
    TestUsers users;

    @Override
    public final Class<LoopbackWarConfiguration> getConfigurationClass() {
        return LoopbackWarConfiguration.class;
    }

    @Override
    public final ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public void setup(LoopbackWarConfiguration configuration) {
        this.configuration = configuration;
        this.users = TestUsers.parse(configuration.getUsers());
    }

    @Override
    public final void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            remove(archive.getName());
        } catch (RuntimeException e) {
            throw new DeploymentException("Undeployment of " + archive.getName() + " failed: " + e, e);
        }
    }

    /** Unmounts and stops a deployment; an unknown name (e.g. a failed deployment) is ignored. */
    abstract void remove(String warName);

    /** A start that failed: stops what was started, and reports the cause ({@code container} names the server). */
    final LifecycleException startFailure(String container, Exception cause) {
        LifecycleException failure = new LifecycleException("Failed to start embedded " + container + " on "
                + configuration.getBindAddress() + ":" + configuration.getBindHttpPort(), cause);
        try {
            stop();
        } catch (LifecycleException stopFailure) {
            failure.addSuppressed(stopFailure);
        }
        return failure;
    }

    /** Removes every deployment named, collecting what fails instead of stopping at it. */
    final void removeAll(Collection<String> warNames, List<Exception> failures) {
        for (String name : List.copyOf(warNames)) {
            try {
                remove(name);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
    }

    /** Throws the first of {@code failures}, with the others suppressed, if there are any. */
    static void throwIfAny(String container, List<Exception> failures) throws LifecycleException {
        if (!failures.isEmpty()) {
            LifecycleException failure = new LifecycleException("Failed to stop embedded " + container + " cleanly",
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Where a deployment at {@code contextPath} answers, on the container's port. */
    final ProtocolMetaData metaData(String contextPath, int port) {
        HTTPContext http = new HTTPContext(configuration.getBindAddress(), port);
        http.add(new Servlet("default", contextPath));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public final void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptor deployments are not supported");
    }

    @Override
    public final void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptor deployments are not supported");
    }
}
