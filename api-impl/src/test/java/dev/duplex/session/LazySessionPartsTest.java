package dev.duplex.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.coder.CoderSpecs;
import dev.duplex.coder.SessionDecoders;
import dev.duplex.coder.SessionEncoders;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The parts of a session created on first use, or shared, so that an idle connection holds little. */
class LazySessionPartsTest {

    private static WsSession session() {
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
            }
        };
        SessionContext context = new SessionContext("ws://localhost/x", Map.of(), Map.of(), null, "", List.of(),
                UserProperties.copyOf(Map.of()));
        return new WsSession(null, endpoint, ClientEndpointConfig.Builder.create().build(), context,
                new SessionGroup(), SessionSettings.DEFAULTS);
    }

    @Test
    void racingThreadsAllGetTheSameRemoteEndpoints() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                WsSession session = session();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<RemoteEndpoint[]>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<RemoteEndpoint[]> task = () -> {
                        start.await();
                        return new RemoteEndpoint[] {session.getBasicRemote(), session.getAsyncRemote()};
                    };
                    results.add(pool.submit(task));
                }
                RemoteEndpoint[] first = results.get(0).get();
                for (Future<RemoteEndpoint[]> f : results) {
                    RemoteEndpoint[] got = f.get();
                    assertSame(first[0], got[0], "one basic remote per session");
                    assertSame(first[1], got[1], "one async remote per session");
                }
                assertSame(first[0], session.getBasicRemote());
                assertSame(first[1], session.asyncRemote());
                assertNotSame(session().getBasicRemote(), first[0], "each session has its own");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchingIsPerRemoteAsBefore() throws Exception {
        WsSession session = session();
        assertFalse(session.getBasicRemote().getBatchingAllowed());
        assertFalse(session.getAsyncRemote().getBatchingAllowed());
    }

    @Test
    void userPropertiesBehaveAsAHashMap() {
        Map<String, Object> lazy = UserProperties.copyOf(Map.of());
        Map<String, Object> plain = new HashMap<>();
        assertTrue(lazy.isEmpty());
        assertEquals(plain, lazy);
        assertEquals(lazy, plain);
        assertEquals(plain.hashCode(), lazy.hashCode());
        assertNull(lazy.get("a"));
        assertNull(lazy.remove("a"));
        assertFalse(lazy.containsKey("a"));
        assertEquals("{}", lazy.toString());
        lazy.put("a", 1);
        plain.put("a", 1);
        lazy.putAll(Map.of("b", 2));
        plain.putAll(Map.of("b", 2));
        assertEquals(plain, lazy);
        assertEquals(lazy, plain);
        assertTrue(lazy.containsValue(2));
        lazy.keySet().remove("b");
        assertEquals(Map.of("a", 1), lazy);
        lazy.entrySet().iterator().next().setValue(3);
        assertEquals(3, lazy.get("a"));
        lazy.clear();
        assertTrue(lazy.isEmpty());
    }

    @Test
    void userPropertiesCopyTheirSeedAndAViewSeesLaterWrites() {
        Map<String, Object> seed = new HashMap<>(Map.of("k", "v"));
        Map<String, Object> copy = UserProperties.copyOf(seed);
        seed.put("other", 1);
        assertEquals(Map.of("k", "v"), copy, "a copy of the seed at that time");
        Map<String, Object> empty = UserProperties.copyOf(Map.of());
        var values = empty.values();
        empty.put("x", 7);
        assertEquals(List.of(7), new ArrayList<>(values), "a view taken while empty sees the first write");
    }

    @Test
    void sessionsWithoutCodersShareOneEmptyInstanceThatDestroyingLeavesUsable() throws Exception {
        EndpointConfig config = ClientEndpointConfig.Builder.create().build();
        SessionEncoders encoders = CoderSpecs.sessionEncoders(config);
        SessionDecoders decoders = CoderSpecs.sessionDecoders(config);
        assertSame(SessionEncoders.NONE, encoders);
        assertSame(SessionDecoders.NONE, decoders);
        encoders.destroy();
        decoders.destroy();
        assertNull(CoderSpecs.sessionEncoders(config).encode("text"), "no encoder: the caller sends it natively");
        assertFalse(CoderSpecs.sessionDecoders(config).canDecode(Integer.class, true));
    }

    @Test
    void handlersAreKeptOnePerKindAndRemovedByIdentity() {
        WsSession session = session();
        MessageHandler.Whole<String> text = m -> { };
        MessageHandler.Whole<java.nio.ByteBuffer> binary = m -> { };
        session.addMessageHandler(String.class, text);
        session.addMessageHandler(java.nio.ByteBuffer.class, binary);
        assertEquals(java.util.Set.of(text, binary), session.getMessageHandlers());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> { }));
        session.removeMessageHandler(text);
        assertEquals(java.util.Set.of(binary), session.getMessageHandlers());
        session.addMessageHandler(String.class, text);
        assertEquals(java.util.Set.of(text, binary), session.getMessageHandlers());
    }
}
