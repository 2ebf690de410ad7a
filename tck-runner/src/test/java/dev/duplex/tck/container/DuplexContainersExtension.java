package dev.duplex.tck.container;

import org.jboss.arquillian.core.spi.LoadableExtension;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers the Arquillian adapter of whichever embedded container is on the class path. Each failsafe execution
 * keeps exactly one there (tck-runner/pom.xml); with several, as in an IDE, {@code -Darquillian.launch} chooses
 * (Tomcat by default). Tomcat 11 gets {@link LoopbackTomcatExtension} (our override of the released adapter),
 * Undertow 2.3 gets {@link UndertowExtension} and Jetty 12 gets {@link JettyExtension} (our own adapters). They are
 * instantiated by name, so that this class never links against an absent container.
 */
public final class DuplexContainersExtension implements LoadableExtension {

    /** A container: its arquillian.xml qualifier, a class that shows it is present, and its extension. */
    private record Candidate(String qualifier, String probe, String extension) {
    }

    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("tomcat", "org.jboss.arquillian.container.tomcat.embedded.Tomcat10EmbeddedContainer",
                    "dev.duplex.tck.container.LoopbackTomcatExtension"),
            new Candidate("undertow", "io.undertow.Undertow", "dev.duplex.tck.container.UndertowExtension"),
            new Candidate("jetty", "org.eclipse.jetty.ee10.webapp.WebAppContext",
                    "dev.duplex.tck.container.JettyExtension"));

    @Override
    public void register(ExtensionBuilder builder) {
        List<Candidate> present = new ArrayList<>();
        for (Candidate candidate : CANDIDATES) {
            if (present(candidate.probe())) {
                present.add(candidate);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        Candidate chosen = present.get(0);
        if (present.size() > 1) {
            // Several on the class path (an IDE run): the arquillian.xml qualifier chosen decides, Tomcat by default.
            String launch = System.getProperty("arquillian.launch",
                    System.getProperty("duplex.tck.container", "tomcat"));
            chosen = present.stream().filter(c -> c.qualifier().equals(launch)).findFirst().orElse(chosen);
        }
        delegate(chosen.extension()).register(builder);
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
