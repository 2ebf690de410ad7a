package dev.duplex.tck.messaging;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Endpoints that receive messages in parts ({@code @OnMessage(T part, boolean last)} and
 * {@code MessageHandler.Partial}) or as streams, and answer each part, or the streamed data, as it comes: the
 * test sends the next fragment only after the answer to the previous one, which proves the part was delivered
 * before the message was complete.
 */
public final class PartialEndpoints {

    /** How many characters (or bytes) of a streamed message the stream endpoints report before reading the rest. */
    public static final int FIRST = 5;

    private PartialEndpoints() {
    }

    static void reply(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String latin1(ByteBuffer bytes) {
        return StandardCharsets.ISO_8859_1.decode(bytes).toString();
    }

    @ServerEndpoint("/partial/string")
    public static class StringParts {
        @OnMessage
        public void on(String part, boolean last, Session session) {
            reply(session, "String:" + part + ":" + last);
        }
    }

    @ServerEndpoint("/partial/bytes")
    public static class BytesParts {
        @OnMessage
        public void on(byte[] part, boolean last, Session session) {
            reply(session, "byte[]:" + latin1(part) + ":" + last);
        }
    }

    @ServerEndpoint("/partial/buffer")
    public static class BufferParts {
        @OnMessage
        public void on(Session session, ByteBuffer part, boolean last) {
            reply(session, "ByteBuffer:" + latin1(part) + ":" + last);
        }
    }

    /** Registers one {@code MessageHandler.Partial}, chosen by the path, in {@code @OnOpen}. */
    @ServerEndpoint("/partial-handler/{kind}")
    public static class PartialHandlers {
        @OnOpen
        public void open(Session session, @PathParam("kind") String kind) {
            switch (kind) {
                case "String" -> session.addMessageHandler(String.class,
                        (MessageHandler.Partial<String>) (part, last) -> reply(session, "String:" + part + ":" + last));
                case "bytes" -> session.addMessageHandler(byte[].class,
                        (MessageHandler.Partial<byte[]>) (part, last) ->
                                reply(session, "byte[]:" + latin1(part) + ":" + last));
                case "ByteBuffer" -> session.addMessageHandler(ByteBuffer.class,
                        (MessageHandler.Partial<ByteBuffer>) (part, last) ->
                                reply(session, "ByteBuffer:" + latin1(part) + ":" + last));
                case "anonymous" -> session.addMessageHandler(new MessageHandler.Partial<String>() {
                    @Override
                    public void onMessage(String part, boolean last) {
                        reply(session, "String:" + part + ":" + last);
                    }
                });
                default -> throw new IllegalArgumentException(kind);
            }
        }
    }

    @ServerEndpoint("/stream/reader")
    public static class ReaderStream {
        @OnMessage
        public void on(Reader message, Session session) throws IOException {
            reply(session, readAndReport(message, session));
        }
    }

    @ServerEndpoint("/stream/input")
    public static class InputStreamStream {
        @OnMessage
        public void on(InputStream message, Session session) throws IOException {
            reply(session, readAndReport(message, session));
        }
    }

    /** Like {@link ReaderStream}, but {@code @OnOpen} takes 300 ms, so that the client's message begins meanwhile. */
    @ServerEndpoint("/stream/slow-open-reader")
    public static class SlowOpenReaderStream {
        @OnOpen
        public void open() throws InterruptedException {
            Thread.sleep(300);
        }

        @OnMessage
        public void on(Reader message, Session session) throws IOException {
            reply(session, readAndReport(message, session));
        }
    }

    /** The same streams through {@code MessageHandler.Whole<Reader>} and {@code MessageHandler.Whole<InputStream>}. */
    @ServerEndpoint("/stream-handler")
    public static class StreamHandlers {
        @OnOpen
        public void open(Session session) {
            session.addMessageHandler(Reader.class, message -> {
                try {
                    reply(session, readAndReport(message, session));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(InputStream.class, message -> {
                try {
                    reply(session, readAndReport(message, session));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Reports the first {@link #FIRST} characters as {@code first:...}, then returns {@code whole:<all>}. */
    static String readAndReport(Reader message, Session session) throws IOException {
        char[] first = new char[FIRST];
        int got = 0;
        while (got < FIRST) {
            int n = message.read(first, got, FIRST - got);
            if (n < 0) {
                return "ended after " + got + " chars";
            }
            got += n;
        }
        reply(session, "first:" + new String(first));
        StringBuilder all = new StringBuilder().append(first);
        char[] buffer = new char[1024];
        for (int n; (n = message.read(buffer)) >= 0; ) {
            all.append(buffer, 0, n);
        }
        return "whole:" + all;
    }

    /** Reports the first {@link #FIRST} bytes as {@code first:...}, then returns {@code whole:<all>}. */
    static String readAndReport(InputStream message, Session session) throws IOException {
        byte[] first = message.readNBytes(FIRST);
        if (first.length < FIRST) {
            return "ended after " + first.length + " bytes";
        }
        reply(session, "first:" + latin1(first));
        return "whole:" + latin1(first) + latin1(message.readAllBytes());
    }
}
