package dev.duplex.coder;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One session's encoders: one instance per configured class, created on first use and initialised with the
 * endpoint configuration; {@link #destroy()} pairs every {@code init}. The first encoder in declared order whose
 * type accepts the object encodes it.
 *
 * <p>Threads: any sending thread (instances are created under a lock; the encoders themselves are called
 * concurrently only if the application sends concurrently, as with any implementation).
 */
public final class SessionEncoders {

    /** The encoders of sessions whose endpoint configures none: one instance shared by all of them. */
    public static final SessionEncoders NONE = new SessionEncoders(List.of(), null);

    private final List<EncoderSpec> specs;
    private final EndpointConfig config;
    private final Encoder[] instances;
    private boolean destroyed;

    public SessionEncoders(List<EncoderSpec> specs, EndpointConfig config) {
        this.specs = List.copyOf(specs);
        this.config = config;
        this.instances = new Encoder[specs.size()];
    }

    /** The object as a String (text) or ByteBuffer (binary), or null when no configured encoder takes it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object encode(Object data) throws EncodeException {
        for (int i = 0; i < specs.size(); i++) {
            EncoderSpec spec = specs.get(i);
            if (!spec.source().isInstance(data)) {
                continue;
            }
            Encoder e = instance(i);
            try {
                switch (spec.kind()) {
                    case TEXT:
                        return ((Encoder.Text) e).encode(data);
                    case BINARY:
                        return ((Encoder.Binary) e).encode(data);
                    case TEXT_STREAM: {
                        StringWriter w = new StringWriter();
                        ((Encoder.TextStream) e).encode(data, w);
                        return w.toString();
                    }
                    default: {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        ((Encoder.BinaryStream) e).encode(data, out);
                        return ByteBuffer.wrap(out.toByteArray());
                    }
                }
            } catch (IOException ex) {
                throw new EncodeException(data, "encoder " + spec.type().getName() + " failed to write", ex);
            }
        }
        return null;
    }

    private synchronized Encoder instance(int index) throws EncodeException {
        if (instances[index] == null) {
            if (destroyed) {
                throw new EncodeException(null, "the session's encoders were destroyed");
            }
            Encoder e = CoderInstances.create(specs.get(index).type());
            e.init(config);
            instances[index] = e;
        }
        return instances[index];
    }

    public void destroy() {
        if (instances.length == 0) {
            return; // none was or can be initialised (also the shared NONE: no lock that all sessions share)
        }
        destroyAll();
    }

    private synchronized void destroyAll() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (Encoder e : instances) {
            if (e != null) {
                CoderInstances.destroy(e);
            }
        }
    }
}
