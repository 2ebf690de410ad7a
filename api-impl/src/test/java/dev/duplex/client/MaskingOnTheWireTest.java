package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.handshake.AcceptKey;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire: every frame masked (RFC 6455 §5.3), with a fresh key each time. */
class MaskingOnTheWireTest {

    private static final int FRAMES = 50;

    @Test
    void everyFrameIsMaskedWithAFreshKey() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                WsClientContainer container = new WsClientContainer()) {
            CompletableFuture<Set<Integer>> keys = CompletableFuture.supplyAsync(() -> serve(server));
            Session session = container.connectToServer(new ClientProbe(), ClientEndpointConfig.Builder.create()
                    .build(), URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/"));
            for (int i = 0; i < FRAMES; i++) {
                session.getBasicRemote().sendText("frame " + i);
            }
            Set<Integer> seen = keys.get(20, TimeUnit.SECONDS);
            assertEquals(FRAMES, seen.size(), "a fresh masking key per frame");
            container.shutdown(100);
        }
    }

    /** Answers the handshake, then reads FRAMES text frames, unmasks them and returns their keys. */
    private static Set<Integer> serve(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int window = 0;
            while (window != 0x0D0A0D0A) {
                int b = in.read();
                head.write(b);
                window = window << 8 | b;
            }
            Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
            assertTrue(key.find());
            socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: "
                    + "Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey.compute(key.group(1)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream frames = new DataInputStream(in);
            Set<Integer> keys = new HashSet<>();
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(0x81, frames.readUnsignedByte(), "FIN + text");
                int second = frames.readUnsignedByte();
                assertTrue((second & 0x80) != 0, "the MASK bit is set on every client frame");
                int length = second & 0x7F;
                int mask = frames.readInt();
                byte[] payload = new byte[length];
                frames.readFully(payload);
                for (int j = 0; j < length; j++) {
                    payload[j] ^= (byte) (mask >>> (24 - 8 * (j % 4)));
                }
                assertEquals("frame " + i, new String(payload, StandardCharsets.UTF_8));
                keys.add(mask);
            }
            return keys;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
