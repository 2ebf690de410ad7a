package dev.duplex.tck.sending;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encoders of the four kinds for the {@code Item} types below. Each writes {@code <Kind>#<serial>:<value>} (as
 * UTF-8 bytes for the binary kinds) and posts {@code init} and {@code destroy} to the {@link Mailbox} under
 * {@code encoder-<serial>}.
 */
public final class TestEncoders {

    private static final AtomicInteger SERIALS = new AtomicInteger();

    private TestEncoders() {
    }

    /** Sent as text through {@link Text}; not final, so that a subclass can be sent too. */
    public static class TextItem {
        public final String value;

        public TextItem(String value) {
            this.value = value;
        }
    }

    /** Has no encoder of its own: {@link Text} (for its superclass) must be used. */
    public static class SpecialTextItem extends TextItem {
        public SpecialTextItem(String value) {
            super(value);
        }
    }

    public record TextStreamItem(String value) {
    }

    public record BinaryItem(String value) {
    }

    public record BinaryStreamItem(String value) {
    }

    /** Its encoder always fails. */
    public record Poison(String value) {
    }

    /** Common lifecycle bookkeeping. */
    public abstract static class Tracked {
        protected final int serial = SERIALS.incrementAndGet();

        public void init(EndpointConfig config) {
            Mailbox.post("encoder-" + serial, "init" + (config == null ? " without config" : ""));
        }

        public void destroy() {
            Mailbox.post("encoder-" + serial, "destroy");
        }

        protected String render(String kind, String value) {
            return kind + "#" + serial + ":" + value;
        }
    }

    public static class Text extends Tracked implements Encoder.Text<TextItem> {
        @Override
        public String encode(TextItem item) {
            return render("Text", item.value);
        }
    }

    public static class TextStream extends Tracked implements Encoder.TextStream<TextStreamItem> {
        @Override
        public void encode(TextStreamItem item, Writer writer) throws IOException {
            String text = render("TextStream", item.value());
            writer.write(text, 0, 3);
            writer.write(text.substring(3));
        }
    }

    public static class Binary extends Tracked implements Encoder.Binary<BinaryItem> {
        @Override
        public ByteBuffer encode(BinaryItem item) {
            return ByteBuffer.wrap(render("Binary", item.value()).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static class BinaryStream extends Tracked implements Encoder.BinaryStream<BinaryStreamItem> {
        @Override
        public void encode(BinaryStreamItem item, OutputStream out) throws IOException {
            byte[] bytes = render("BinaryStream", item.value()).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, 2);
            out.write(bytes, 2, bytes.length - 2);
        }
    }

    public static class PoisonEncoder implements Encoder.Text<Poison> {
        @Override
        public String encode(Poison poison) throws EncodeException {
            throw new EncodeException(poison, "cannot encode poison " + poison.value());
        }
    }

    /** A developer encoder for {@code Integer}, which must win over the container's default. */
    public static class IntegerEncoder implements Encoder.Text<Integer> {
        @Override
        public String encode(Integer value) {
            return "custom-int:" + value;
        }
    }
}
