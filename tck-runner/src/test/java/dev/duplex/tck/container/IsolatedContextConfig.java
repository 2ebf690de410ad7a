package dev.duplex.tck.container;

import org.apache.catalina.Container;
import org.apache.tomcat.JarScanner;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jboss.arquillian.container.tomcat.embedded.EmbeddedContextConfig;

/**
 * The adapter's context config (Tomcat's web defaults, no global web.xml) with two changes, made before the web
 * application starts:
 * <ul>
 *   <li>No class-path scanning. In embedded Tomcat the test class path is the container class path, and Tomcat 11
 *       by default scans every jar and directory on it for the {@code @HandlesTypes} of each
 *       {@code ServletContainerInitializer}. Left on, every deployment would hand Duplex the endpoint classes of all
 *       tests ({@code target/test-classes}), not only those in its WAR. Off, a test WAR is scanned like a WAR in a
 *       standalone Tomcat: {@code WEB-INF/classes} and {@code WEB-INF/lib} only.</li>
 *   <li>No JSP servlet: Jasper is not on the class path, and the defaults' JSP servlet would fail to load.</li>
 * </ul>
 * Tomcat creates one instance per web application and calls it on the deploying thread.
 */
public class IsolatedContextConfig extends EmbeddedContextConfig {

    @Override
    protected synchronized void beforeStart() {
        super.beforeStart();
        JarScanner scanner = context.getJarScanner();
        if (scanner instanceof StandardJarScanner standard) {
            standard.setScanClassPath(false);
        }
        context.removeServletMapping("*.jsp");
        context.removeServletMapping("*.jspx");
        context.removeWelcomeFile("index.jsp");
        Container jsp = context.findChild("jsp");
        if (jsp != null) {
            context.removeChild(jsp);
        }
    }
}
