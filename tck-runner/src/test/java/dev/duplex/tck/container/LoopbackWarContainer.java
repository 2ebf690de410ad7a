package dev.duplex.tck.container;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

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
