package dev.duplex.tck.container;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the Arquillian adapter of whichever embedded container is on the class path. Each failsafe execution
 * keeps exactly one there (tck-runner/pom.xml); with both, as in an IDE, {@code -Darquillian.launch} chooses.
 * Tomcat 11 gets {@link LoopbackTomcatExtension} (our override of the released adapter), Undertow 2.3 gets
 * {@link UndertowExtension} (our own adapter). The two are instantiated by name, so that this class never links
 * against an absent container.
 */
public final class DuplexContainersExtension implements LoadableExtension {

    private static final String TOMCAT_ADAPTER =
            "org.jboss.arquillian.container.tomcat.embedded.Tomcat10EmbeddedContainer";
    private static final String UNDERTOW = "io.undertow.Undertow";

    @Override
    public void register(ExtensionBuilder builder) {
        boolean tomcat = present(TOMCAT_ADAPTER);
        boolean undertow = present(UNDERTOW);
        if (tomcat && undertow) {
            // Both on the class path (an IDE run): the arquillian.xml qualifier chosen decides, Tomcat by default.
            String chosen = System.getProperty("arquillian.launch",
                    System.getProperty("duplex.tck.container", "tomcat"));
            tomcat = !"undertow".equals(chosen);
            undertow = !tomcat;
        }
        if (tomcat) {
            delegate("dev.duplex.tck.container.LoopbackTomcatExtension").register(builder);
        } else if (undertow) {
            delegate("dev.duplex.tck.container.UndertowExtension").register(builder);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, DuplexContainersExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static LoadableExtension delegate(String className) {
        try {
            return (LoadableExtension) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className, e);
        }
    }
}
