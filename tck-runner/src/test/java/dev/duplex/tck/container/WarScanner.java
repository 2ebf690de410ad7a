package dev.duplex.tck.container;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.annotation.HandlesTypes;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What {@link UndertowWarContainer} has to find in a WAR itself, since Undertow's servlet module scans nothing: the
 * classes of {@code WEB-INF/classes} and {@code WEB-INF/lib/*.jar} (loaded, not initialised), the
 * {@link ServletContainerInitializer}s visible to the web application ({@link ServiceLoader}), and for each of them
 * the classes matching its {@link HandlesTypes} (subtypes of a listed class, or classes carrying a listed
 * annotation), as Tomcat computes them for a WAR. Runs on the deploying thread.
 */
final class WarScanner {

    private WarScanner() {
    }

    /** Every class of the WAR that its loader can load; classes that do not link are skipped. */
    static List<Class<?>> loadClasses(Path webInf, ClassLoader loader) throws IOException {
        List<String> names = new ArrayList<>();
        Path classes = webInf.resolve("classes");
        if (Files.isDirectory(classes)) {
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> names.add(className(classes.relativize(f).toString().replace('\\', '/'))));
            }
        }
        Path lib = webInf.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                    try (JarFile file = new JarFile(jar.toFile())) {
                        Enumeration<JarEntry> entries = file.entries();
                        while (entries.hasMoreElements()) {
                            String entry = entries.nextElement().getName();
                            if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
                                names.add(className(entry));
                            }
                        }
                    }
                }
            }
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("module-info") || name.endsWith("package-info")) {
                continue;
            }
            try {
                loaded.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // Like a container's scanner: a class that cannot be loaded is not a candidate.
            }
        }
        return loaded;
    }

    /** The initializers the web application sees, WAR first (its loader searches itself first). */
    static List<ServletContainerInitializer> initializers(ClassLoader loader) {
        List<ServletContainerInitializer> found = new ArrayList<>();
        Iterator<ServletContainerInitializer> it = ServiceLoader.load(ServletContainerInitializer.class, loader)
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("A ServletContainerInitializer of the WAR cannot be loaded: "
                        + e.getMessage(), e);
            }
        }
        return found;
    }

    /**
     * The classes to pass to {@code initializer.onStartup}: null when it has no {@code @HandlesTypes} or nothing
     * matches (as the {@code ServletContainerInitializer} javadoc says).
     */
    @SuppressWarnings("unchecked")
    static Set<Class<?>> handledTypes(ServletContainerInitializer initializer, List<Class<?>> classes) {
        HandlesTypes handles = initializer.getClass().getAnnotation(HandlesTypes.class);
        if (handles == null) {
            return null;
        }
        Set<Class<?>> matches = new HashSet<>();
        for (Class<?> type : classes) {
            for (Class<?> wanted : handles.value()) {
                try {
                    boolean match = wanted.isAnnotation()
                            ? type.isAnnotationPresent((Class<? extends Annotation>) wanted)
                            : wanted != type && wanted.isAssignableFrom(type);
                    if (match) {
                        matches.add(type);
                    }
                } catch (LinkageError e) {
                    // an annotation or supertype that does not link: not a match
                }
            }
        }
        return matches.isEmpty() ? null : matches;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
