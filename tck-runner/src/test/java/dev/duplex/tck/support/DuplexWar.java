package dev.duplex.tck.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * Builds test WARs the way an application ships Duplex: the test's classes in {@code WEB-INF/classes} and Duplex's
 * two jars in {@code WEB-INF/lib}; on Jetty 12 (system property {@code duplex.tck.container} = {@code jetty}), whose
 * servlet upgrade cannot carry WebSockets, also the third jar that an application on Jetty adds,
 * {@code duplex-jetty-integration} ({@value #JETTY_INTEGRATION_PROPERTY}); on the tomcat pass, the optional jar that
 * makes Tomcat drive Duplex directly, {@code duplex-tomcat-integration} ({@value #TOMCAT_INTEGRATION_PROPERTY}),
 * which the tomcat-portable pass leaves out; on the undertow pass, the optional jar that takes connections through
 * Undertow's core upgrade, {@code duplex-undertow-integration} ({@value #UNDERTOW_INTEGRATION_PROPERTY}), which the
 * undertow-portable pass leaves out.
 *
 * <p>The jars are not on the test class path (the tck-runner pom keeps them off it, so Tomcat finds Duplex's
 * {@code ServletContainerInitializer} exactly once, in the WAR). Maven passes their files in the system properties
 * {@value #API_IMPL_PROPERTY} and {@value #SERVLET_INTEGRATION_PROPERTY}: the reactor's freshly built jars, or
 * those of the local repository when tck-runner is built alone. A property may also name a classes directory.
 */
public final class DuplexWar {

    public static final String API_IMPL_PROPERTY = "duplex.tck.lib.api-impl";
    public static final String SERVLET_INTEGRATION_PROPERTY = "duplex.tck.lib.servlet-integration";
    public static final String JETTY_INTEGRATION_PROPERTY = "duplex.tck.lib.jetty-integration";
    /** Set in the tomcat pass only; the tomcat-portable pass runs without the jar. */
    public static final String TOMCAT_INTEGRATION_PROPERTY = "duplex.tck.lib.tomcat-integration";
    /** Set in the undertow pass only; the undertow-portable pass runs without the jar. */
    public static final String UNDERTOW_INTEGRATION_PROPERTY = "duplex.tck.lib.undertow-integration";

    private DuplexWar() {
    }

    /**
     * A WAR named {@code name.war} (deployed at context path {@code /name}) holding the given classes and Duplex.
     */
    public static WebArchive create(String name, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addAsLibraries(library(API_IMPL_PROPERTY, "duplex-api-impl.jar"),
                        library(SERVLET_INTEGRATION_PROPERTY, "duplex-servlet-integration.jar"));
        if ("jetty".equals(System.getProperty("duplex.tck.container"))) {
            war.addAsLibraries(library(JETTY_INTEGRATION_PROPERTY, "duplex-jetty-integration.jar"));
        }
        if (isSet(TOMCAT_INTEGRATION_PROPERTY)) {
            war.addAsLibraries(library(TOMCAT_INTEGRATION_PROPERTY, "duplex-tomcat-integration.jar"));
        }
        if (isSet(UNDERTOW_INTEGRATION_PROPERTY)) {
            war.addAsLibraries(library(UNDERTOW_INTEGRATION_PROPERTY, "duplex-undertow-integration.jar"));
        }
        return war;
    }

    /** True when this pass ships the optional jar named by {@code property}. */
    public static boolean isSet(String property) {
        String value = System.getProperty(property);
        return value != null && !value.isBlank();
    }

    private static JavaArchive library(String property, String jarName) {
        String path = System.getProperty(property);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException("System property " + property + " does not name Duplex's " + jarName
                    + " (got " + path + "). Run the ITs through Maven (./mvnw verify), which sets it, or set it to"
                    + " the jar's path.");
        }
        File file = new File(path);
        if (file.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, jarName).importDirectory(file).as(JavaArchive.class);
        }
        if (!file.isFile()) {
            throw new IllegalStateException(property + " names " + file + ", which does not exist");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, file);
    }
}
