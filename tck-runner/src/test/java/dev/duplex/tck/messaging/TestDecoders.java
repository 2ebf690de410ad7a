package dev.duplex.tck.messaging;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decoders of the four kinds, each producing a {@link Decoded} naming itself and its instance serial. Every
 * instance posts {@code init} and {@code destroy} to the {@link Mailbox} under {@code decoder-<serial>}. Input
 * {@code bad} (text or bytes) makes them throw {@code DecodeException}.
 */
public final class TestDecoders {

    private static final AtomicInteger SERIALS = new AtomicInteger();

    private TestDecoders() {
    }

    /** Common lifecycle bookkeeping. */
    public abstract static class Tracked {
        protected final int serial = SERIALS.incrementAndGet();

        public void init(EndpointConfig config) {
            Mailbox.post("decoder-" + serial, "init" + (config == null ? " without config" : ""));
        }

        public void destroy() {
            Mailbox.post("decoder-" + serial, "destroy");
        }
    }

    /** Declared first: accepts only text starting with {@code first:}. */
    public static class FirstText extends Tracked implements Decoder.Text<Decoded> {
        @Override
        public Decoded decode(String s) {
            return new Decoded("FirstText", serial, s);
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("first:");
        }
    }

    /** Declared second: accepts any text; {@code bad} fails to decode. */
    public static class SecondText extends Tracked implements Decoder.Text<Decoded> {
        @Override
        public Decoded decode(String s) throws DecodeException {
            if (s.equals("bad")) {
                throw new DecodeException(s, "SecondText cannot decode " + s);
            }
            return new Decoded("SecondText", serial, s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class TextStream extends Tracked implements Decoder.TextStream<Decoded> {
        @Override
        public Decoded decode(Reader reader) throws DecodeException, IOException {
            StringWriter all = new StringWriter();
            reader.transferTo(all);
            if (all.toString().equals("bad")) {
                throw new DecodeException(all.toString(), "TextStream cannot decode it");
            }
            return new Decoded("TextStream", serial, all.toString());
        }
    }

    public static class Binary extends Tracked implements Decoder.Binary<Decoded> {
        @Override
        public Decoded decode(ByteBuffer bytes) throws DecodeException {
            String text = StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
            if (text.equals("bad")) {
                throw new DecodeException(bytes, "Binary cannot decode it");
            }
            return new Decoded("Binary", serial, text);
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    public static class BinaryStream extends Tracked implements Decoder.BinaryStream<Decoded> {
        @Override
        public Decoded decode(InputStream in) throws DecodeException, IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.equals("bad")) {
                throw new DecodeException(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                        "BinaryStream cannot decode it");
            }
            return new Decoded("BinaryStream", serial, text);
        }
    }
}
