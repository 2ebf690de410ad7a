package dev.duplex.tck.container;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A web application's class loader for {@link UndertowWarContainer}: {@code WEB-INF/classes} and the jars of
 * {@code WEB-INF/lib}, searched before the parent (the test class path, which in an embedded container is the
 * container's class path), as Tomcat's web application loader does. The Java platform, the Servlet and WebSocket
 * APIs and the container's own packages always come from the parent, so that the application and the container
 * share them. Resources are also found in the WAR first, so {@link java.util.ServiceLoader} sees the WAR's service
 * files before the container's.
 *
 * <p>A class that is not in the WAR comes from the parent: the same {@code Class} the tests see. Tests use that
 * on purpose for in-JVM probes (see {@code dev.duplex.tck.flow.FlowProbe}). Thread-safe (parallel capable).
 */
final class WarClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String[] PARENT_FIRST = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.",
        "jakarta.servlet.", "jakarta.websocket.", "jakarta.annotation.",
        "io.undertow.", "org.xnio.", "org.jboss.", "org.wildfly.", "io.smallrye.",
    };

    WarClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null && !parentFirst(name)) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notInWar) {
                    // fall through to the parent
                }
            }
            if (type == null) {
                type = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        URL url = parentFirst(name.replace('/', '.')) ? null : findResource(name);
        return url != null ? url : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean parentFirst(String name) {
        for (String prefix : PARENT_FIRST) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
