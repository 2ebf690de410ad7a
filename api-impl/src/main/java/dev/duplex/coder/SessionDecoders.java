package dev.duplex.coder;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One session's decoders: one instance of each configured decoder class, created on first use and initialised with
 * the endpoint configuration; {@link #destroy()} calls {@code destroy()} on exactly those that were initialised.
 * Decoders are consulted in declared order: the first whose {@code willDecode} accepts the message decodes it.
 *
 * <p>Threads: the session's dispatcher (decoding), and whoever closes the session ({@code destroy}).
 */
public final class SessionDecoders {

    /** The decoders of sessions whose endpoint configures none: one instance shared by all of them. */
    public static final SessionDecoders NONE = new SessionDecoders(List.of(), null);

    private final List<DecoderSpec> specs;
    private final EndpointConfig config;
    private final Decoder[] instances;
    private boolean destroyed;

    public SessionDecoders(List<DecoderSpec> specs, EndpointConfig config) {
        this.specs = List.copyOf(specs);
        this.config = config;
        this.instances = new Decoder[specs.size()];
    }

    /** True when some decoder of the given family (text or binary) produces a {@code target}. */
    public boolean canDecode(Class<?> target, boolean text) {
        for (DecoderSpec spec : specs) {
            if (spec.kind().isText() == text && target.isAssignableFrom(spec.target())) {
                return true;
            }
        }
        return false;
    }

    /** True when the first decoder that produces {@code target} (text or binary family) reads a stream. */
    public boolean streams(Class<?> target, boolean text) {
        for (DecoderSpec spec : specs) {
            if (spec.kind().isText() == text && target.isAssignableFrom(spec.target())) {
                return spec.kind() == CoderKind.TEXT_STREAM || spec.kind() == CoderKind.BINARY_STREAM;
            }
        }
        return false;
    }

    /** Decodes a streamed text message with the first TextStream decoder that produces {@code target}. */
    public Object decodeTextStream(java.io.Reader reader, Class<?> target) throws DecodeException, IOException {
        for (int i = 0; i < specs.size(); i++) {
            DecoderSpec spec = specs.get(i);
            if (spec.kind() == CoderKind.TEXT_STREAM && target.isAssignableFrom(spec.target())) {
                return ((Decoder.TextStream<?>) instance(i)).decode(reader);
            }
        }
        throw new DecodeException("", "no stream decoder produces " + target.getName());
    }

    /** Decodes a streamed binary message with the first BinaryStream decoder that produces {@code target}. */
    public Object decodeBinaryStream(java.io.InputStream in, Class<?> target) throws DecodeException, IOException {
        for (int i = 0; i < specs.size(); i++) {
            DecoderSpec spec = specs.get(i);
            if (spec.kind() == CoderKind.BINARY_STREAM && target.isAssignableFrom(spec.target())) {
                return ((Decoder.BinaryStream<?>) instance(i)).decode(in);
            }
        }
        throw new DecodeException(ByteBuffer.allocate(0), "no stream decoder produces " + target.getName());
    }

    /** Decodes a whole text message to {@code target}; DecodeException when no decoder accepts it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object decodeText(String message, Class<?> target) throws DecodeException {
        for (int i = 0; i < specs.size(); i++) {
            DecoderSpec spec = specs.get(i);
            if (!spec.kind().isText() || !target.isAssignableFrom(spec.target())) {
                continue;
            }
            Decoder d = instance(i);
            if (spec.kind() == CoderKind.TEXT) {
                Decoder.Text text = (Decoder.Text) d;
                if (text.willDecode(message)) {
                    return text.decode(message);
                }
            } else {
                try {
                    return ((Decoder.TextStream) d).decode(new StringReader(message));
                } catch (IOException e) {
                    throw new DecodeException(message, "decoder " + spec.type().getName() + " failed to read", e);
                }
            }
        }
        throw new DecodeException(message, "no decoder accepted this text message as " + target.getName());
    }

    /** Decodes a whole binary message to {@code target}; DecodeException when no decoder accepts it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object decodeBinary(ByteBuffer message, Class<?> target) throws DecodeException {
        for (int i = 0; i < specs.size(); i++) {
            DecoderSpec spec = specs.get(i);
            if (spec.kind().isText() || !target.isAssignableFrom(spec.target())) {
                continue;
            }
            Decoder d = instance(i);
            if (spec.kind() == CoderKind.BINARY) {
                Decoder.Binary binary = (Decoder.Binary) d;
                if (binary.willDecode(message.duplicate())) {
                    return binary.decode(message.duplicate());
                }
            } else {
                byte[] bytes = new byte[message.remaining()];
                message.duplicate().get(bytes);
                try {
                    return ((Decoder.BinaryStream) d).decode(new ByteArrayInputStream(bytes));
                } catch (IOException e) {
                    throw new DecodeException(message, "decoder " + spec.type().getName() + " failed to read", e);
                }
            }
        }
        throw new DecodeException(message, "no decoder accepted this binary message as " + target.getName());
    }

    private synchronized Decoder instance(int index) throws DecodeException {
        if (instances[index] == null) {
            if (destroyed) {
                throw new DecodeException("", "the session's decoders were destroyed");
            }
            Decoder d = CoderInstances.create(specs.get(index).type());
            d.init(config);
            instances[index] = d;
        }
        return instances[index];
    }

    /** Calls {@code destroy()} on every decoder that was initialised, once. */
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
        for (Decoder d : instances) {
            if (d != null) {
                CoderInstances.destroy(d);
            }
        }
    }
}
