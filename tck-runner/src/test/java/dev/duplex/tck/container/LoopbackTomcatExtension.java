package dev.duplex.tck.container;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.tomcat.embedded.Tomcat10EmbeddedContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Puts {@link LoopbackTomcatContainer} in place of the adapter's embedded Tomcat container. */
public final class LoopbackTomcatExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, Tomcat10EmbeddedContainer.class, LoopbackTomcatContainer.class);
    }
}
