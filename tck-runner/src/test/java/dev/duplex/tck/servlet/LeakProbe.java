package dev.duplex.tck.servlet;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Weak references to the class loaders of deployments, for {@link UndeployIT}: {@link RedeployEndpoint} registers
 * its own loader when a session opens. Like {@code dev.duplex.tck.flow.InboundProbe}, this class is deliberately
 * not in the test WAR: the web application's loader finds it through its parent (the test class path of the
 * embedded container), so the endpoint and the test share it. It holds only weak references: it pins nothing.
 * Thread-safe.
 */
public final class LeakProbe {

    private static final List<WeakReference<ClassLoader>> LOADERS = new ArrayList<>();

    private LeakProbe() {
    }

    /** Called by the endpoint in the WAR. */
    public static synchronized void register(ClassLoader loader) {
        for (WeakReference<ClassLoader> known : LOADERS) {
            if (known.get() == loader) {
                return;
            }
        }
        LOADERS.add(new WeakReference<>(loader));
    }

    /** The references registered since the last call. */
    public static synchronized List<WeakReference<ClassLoader>> take() {
        List<WeakReference<ClassLoader>> taken = new ArrayList<>(LOADERS);
        LOADERS.clear();
        return taken;
    }
}
