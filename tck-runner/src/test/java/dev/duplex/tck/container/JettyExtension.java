package dev.duplex.tck.container;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link JettyWarContainer} as the deployable container (the class path has no other adapter). */
public final class JettyExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, JettyWarContainer.class);
    }
}
