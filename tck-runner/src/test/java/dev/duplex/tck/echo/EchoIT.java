package dev.duplex.tck.echo;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent.Binary;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Pong;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URL;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An annotated echo endpoint in a WAR on embedded Tomcat, driven by the JDK's WebSocket client: messages of every
 * payload-length encoding come back intact, pings get their pongs, a close gets its close.
 */
@ExtendWith(ArquillianExtension.class)
class EchoIT {

    /** Payload sizes around RFC 6455 §5.2's length encodings (7-bit, 16-bit, 64-bit) and a large message. */
    private static final int[] SIZES = {0, 1, 125, 126, 65535, 65536, 1024 * 1024};

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("echo", EchoEndpoint.class);
    }

    /**
     * A text message of {@code size} bytes comes back intact. WSC-4.1-1 (the annotated endpoint is deployed at its
     * path), WSC-6.4-1 (relative to the context root), WSC-2.2.3-1 (its {@code @OnMessage} method gets the
     * message); RFC 6455 §5.2 (payload length encodings), §5.6 (text).
     */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void textMessageComesBackIntact(int size) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(listener);
        String message = asciiText(size);

        await(ws.sendText(message, true));

        assertEquals(message, listener.next(Text.class).text());
        closeNormally(ws, listener);
    }

    /**
     * A binary message of {@code size} bytes comes back intact. WSC-4.1-1, WSC-6.4-1, WSC-2.2.3-1;
     * RFC 6455 §5.2 (payload length encodings), §5.6 (binary).
     */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void binaryMessageComesBackIntact(int size) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(listener);
        byte[] message = bytes(size);

        await(ws.sendBinary(ByteBuffer.wrap(message), true));

        assertArrayEquals(message, listener.next(Binary.class).bytes());
        closeNormally(ws, listener);
    }

    /**
     * Text made of 1-, 2-, 3- and 4-byte UTF-8 characters (about 200 KB, so characters straddle any buffer or
     * frame boundary) comes back intact. WSC-2.2.3-1; RFC 6455 §5.6 (text payloads are UTF-8).
     */
    @Test
    void multiByteTextComesBackIntact() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(listener);
        String message = "a\u00e9\u20ac\ud834\udd1e".repeat(20_000);

        await(ws.sendText(message, true));

        assertEquals(message, listener.next(Text.class).text());
        closeNormally(ws, listener);
    }

    /**
     * On one connection, text and binary messages of every size come back in the order they were sent.
     * WSC-2.2.3-1; RFC 6455 §5.4 (messages are not interleaved).
     */
    @Test
    void messagesComeBackInOrderOnOneConnection() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(listener);

        for (int size : SIZES) {
            await(ws.sendText(asciiText(size), true));
            await(ws.sendBinary(ByteBuffer.wrap(bytes(size)), true));
        }

        for (int size : SIZES) {
            assertEquals(asciiText(size), listener.next(Text.class, size + "-byte text echo").text());
            assertArrayEquals(bytes(size), listener.next(Binary.class, size + "-byte binary echo").bytes());
        }
        closeNormally(ws, listener);
    }

    /**
     * A ping gets a pong with the same application data. WSC-2.2.5-1; RFC 6455 §5.5.2, §5.5.3.
     */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125})
    void pingGetsPongWithSamePayload(int size) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(listener);
        byte[] payload = bytes(size);

        await(ws.sendPing(ByteBuffer.wrap(payload)));

        assertArrayEquals(payload, listener.next(Pong.class).payload());
        closeNormally(ws, listener);
    }

    /**
     * A close (1000, "bye") gets a close back with the same status code. RFC 6455 §5.5.1 (the reply echoes the
     * status code received).
     */
    @Test
    void closeGetsCloseWithSameCode() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(listener);

        await(ws.sendClose(1000, "bye"));

        Close close = listener.next(Close.class, "the close reply");
        assertEquals(1000, close.code(), "close code; reason \"" + close.reason() + "\"");
    }

    static IntStream sizes() {
        return IntStream.of(SIZES);
    }

    private WebSocket connect(RecordingListener listener) throws Exception {
        URI uri = WebSocketClient.uri(base, "/echo");
        return WebSocketClient.connect(uri, listener);
    }

    private static void closeNormally(WebSocket ws, RecordingListener listener) throws Exception {
        await(ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        assertEquals(WebSocket.NORMAL_CLOSURE, listener.next(Close.class).code());
    }

    /** {@code size} ASCII characters (so {@code size} UTF-8 bytes), varied so that shifted data would show. */
    private static String asciiText(int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append((char) ('!' + (i * 7) % 94));
        }
        return text.toString();
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
