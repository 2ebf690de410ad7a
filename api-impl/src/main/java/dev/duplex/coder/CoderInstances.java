package dev.duplex.coder;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;

/** Creating and destroying encoder and decoder instances, with errors that name the class. Stateless. */
final class CoderInstances {

    private static final System.Logger LOG = System.getLogger(CoderInstances.class.getName());

    private CoderInstances() {
    }

    static <T> T create(Class<T> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + type.getName() + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName()
                    + ": encoders and decoders need a public no-argument constructor", e);
        }
    }

    static void destroy(jakarta.websocket.Decoder d) {
        try {
            d.destroy();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "destroy() of decoder " + d.getClass().getName() + " threw", e);
        }
    }

    static void destroy(jakarta.websocket.Encoder e) {
        try {
            e.destroy();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "destroy() of encoder " + e.getClass().getName() + " threw", ex);
        }
    }
}
