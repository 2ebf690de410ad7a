package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What our client must do against any independent server: echo of text and binary from 0 B to 1 MiB, subprotocol
 * negotiation, the configurator's hooks and close codes both ways. Subclasses start the peer.
 */
abstract class InteropContract {

    final WsClientContainer container = new WsClientContainer();

    abstract Peer peer();

    @AfterEach
    void stopContainer() {
        container.shutdown();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 1 << 20})
    void echoesText(int size) throws Exception {
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                peer().uri("/echo"));
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            sb.append((char) ('a' + i % 26));
        }
        String text = sb.toString();
        session.getBasicRemote().sendText(text);
        assertEquals(text, probe.nextText(), peer().name() + " echo of " + size + " characters");
        session.close();
        assertEquals(1000, probe.awaitClose().getCloseCode().getCode());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 1 << 20})
    void echoesBinary(int size) throws Exception {
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                peer().uri("/echo"));
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data)).get(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS);
        ByteBuffer echoed = probe.nextBinary();
        byte[] received = new byte[echoed.remaining()];
        echoed.get(received);
        assertArrayEquals(data, received, peer().name() + " echo of " + size + " bytes");
        session.close();
        probe.awaitClose();
    }

    @Test
    void negotiatesTheFirstOfferedSubprotocolTheServerSupports() throws Exception {
        ClientProbe probe = new ClientProbe();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("x.unknown", "chat.v1", "chat.v2")).build();
        Session session = container.connectToServer(probe, config, peer().uri("/protocols"));
        assertEquals("chat.v1", session.getNegotiatedSubprotocol());
        session.getBasicRemote().sendText("subprotocol?");
        assertEquals("subprotocol=chat.v1", probe.nextText());
        session.close();
    }

    @Test
    void noSubprotocolWhenNoneMatches() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("nothing.common")).build();
        Session session = container.connectToServer(new ClientProbe(), config, peer().uri("/protocols"));
        assertEquals("", session.getNegotiatedSubprotocol());
        session.close();
    }

    @Test
    void configuratorChangesTheRequestAndSeesTheResponse() throws Exception {
        CompletableFuture<Map<String, List<String>>> response = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Duplex-Test", List.of("hello-" + peer().name()));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse handshakeResponse) {
                        response.complete(handshakeResponse.getHeaders());
                    }
                }).build();
        Session session = container.connectToServer(new ClientProbe(), config, peer().uri("/headers"));
        Map<String, List<String>> headers = response.getNow(null);
        assertEquals(List.of("hello-" + peer().name()), headers.get("x-duplex-echo"),
                "afterResponse sees the header the server echoed from beforeRequest's header: " + headers);
        assertTrue(headers.containsKey("Sec-WebSocket-Accept"), headers.toString());
        session.close();
    }

    @Test
    void closeCodeFromTheClientReachesTheServer() throws Exception {
        String id = id();
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                peer().uri("/echo?id=" + id));
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "client says bye"));
        CloseReason atServer = PeerEcho.closesOf(id).poll(ClientProbe.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(4001, atServer.getCloseCode().getCode());
        assertEquals("client says bye", atServer.getReasonPhrase());
        assertEquals(4001, probe.awaitClose().getCloseCode().getCode());
        assertTrue(probe.errors.isEmpty(), probe.errors.toString());
    }

    @Test
    void closeCodeFromTheServerReachesTheClient() throws Exception {
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                peer().uri("/echo"));
        session.getBasicRemote().sendText("close:4002:server says bye");
        CloseReason reason = probe.awaitClose();
        assertEquals(4002, reason.getCloseCode().getCode());
        assertEquals("server says bye", reason.getReasonPhrase());
        assertTrue(probe.errors.isEmpty(), probe.errors.toString());
    }

    @Test
    void goingAwayWhenTheServerStopsIsNotASilentHang() throws Exception {
        ClientProbe probe = new ClientProbe();
        Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                peer().uri("/echo"));
        session.getBasicRemote().sendText("close:1001:");
        assertEquals(1001, probe.awaitClose().getCloseCode().getCode());
    }
}
