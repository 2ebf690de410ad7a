package dev.duplex.tck.messaging;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Annotated endpoints without {@code @OnMessage} that register {@code MessageHandler}s on their session in
 * {@code @OnOpen}, to exercise {@code Session.addMessageHandler}, {@code removeMessageHandler} and
 * {@code getMessageHandlers}.
 */
public final class HandlerEndpoints {

    private HandlerEndpoints() {
    }

    static void reply(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers one {@code MessageHandler.Whole} for the type named by the path. */
    @ServerEndpoint("/handlers/whole/{kind}")
    public static class WholeHandlers {
        @OnOpen
        public void open(Session session, @PathParam("kind") String kind) {
            switch (kind) {
                case "String" -> session.addMessageHandler(String.class, text -> reply(session, "String:" + text));
                case "anonymous" -> session.addMessageHandler(new MessageHandler.Whole<String>() {
                    @Override
                    public void onMessage(String text) {
                        reply(session, "String:" + text);
                    }
                });
                case "Reader" -> session.addMessageHandler(Reader.class, reader -> {
                    StringWriter all = new StringWriter();
                    try {
                        reader.transferTo(all);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    reply(session, "Reader:" + all);
                });
                case "bytes" -> session.addMessageHandler(byte[].class,
                        bytes -> reply(session, "byte[]:" + new String(bytes, StandardCharsets.ISO_8859_1)));
                case "ByteBuffer" -> session.addMessageHandler(ByteBuffer.class,
                        bytes -> reply(session, "ByteBuffer:" + StandardCharsets.ISO_8859_1.decode(bytes)));
                case "InputStream" -> session.addMessageHandler(InputStream.class, in -> {
                    try {
                        reply(session, "InputStream:" + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                case "PongMessage" -> {
                    session.addMessageHandler(PongMessage.class, pong -> reply(session,
                            "PongMessage:" + StandardCharsets.UTF_8.decode(pong.getApplicationData())));
                    session.addMessageHandler(String.class, command -> {
                        try {
                            session.getBasicRemote().sendPing(ByteBuffer.wrap(
                                    command.getBytes(StandardCharsets.UTF_8)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
    }

    /**
     * Walks the registration rules in {@code @OnOpen} and keeps what happened at each step; ends with a
     * {@code Reader} text handler that answers {@code report} with those steps and echoes anything else.
     */
    @ServerEndpoint("/handlers/rules")
    public static class RegistrationRules {
        private final List<String> steps = new ArrayList<>();

        @OnOpen
        public void open(Session session) {
            MessageHandler.Whole<String> text = message -> { };
            MessageHandler.Whole<ByteBuffer> binary = message -> { };
            MessageHandler.Whole<PongMessage> pong = message -> { };
            MessageHandler.Whole<String> spare = message -> { };

            step("add Whole<String>", () -> session.addMessageHandler(String.class, text));
            step("add Whole<Reader>", () -> session.addMessageHandler(Reader.class, message -> { }));
            step("add Partial<String>", () -> session.addMessageHandler(String.class,
                    (MessageHandler.Partial<String>) (part, last) -> { }));
            step("add anonymous Whole<String>", () -> session.addMessageHandler(new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String message) {
                }
            }));
            step("add Whole<ByteBuffer>", () -> session.addMessageHandler(ByteBuffer.class, binary));
            step("add Whole<byte[]>", () -> session.addMessageHandler(byte[].class, message -> { }));
            step("add Whole<InputStream>", () -> session.addMessageHandler(InputStream.class, message -> { }));
            step("add Partial<byte[]>", () -> session.addMessageHandler(byte[].class,
                    (MessageHandler.Partial<byte[]>) (part, last) -> { }));
            step("add Whole<PongMessage>", () -> session.addMessageHandler(PongMessage.class, pong));
            step("add second Whole<PongMessage>",
                    () -> session.addMessageHandler(PongMessage.class, message -> { }));

            Set<MessageHandler> before = session.getMessageHandlers();
            steps.add("handlers: " + before.size() + " text=" + before.contains(text) + " binary="
                    + before.contains(binary) + " pong=" + before.contains(pong));
            Set<MessageHandler> probe = session.getMessageHandlers();
            step("add to the returned set", () -> probe.add(spare));
            step("clear the returned set", probe::clear);
            step("remove Whole<String>", () -> session.removeMessageHandler(text));
            Set<MessageHandler> after = session.getMessageHandlers();
            steps.add("handlers after remove: " + after.size() + " text=" + after.contains(text)
                    + "; earlier copy: " + before.size());
            step("add Whole<Reader> after remove", () -> session.addMessageHandler(Reader.class, reader -> {
                StringWriter all = new StringWriter();
                try {
                    reader.transferTo(all);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                reply(session, all.toString().equals("report") ? String.join("\n", steps) : "Reader:" + all);
            }));
        }

        private void step(String name, Runnable action) {
            try {
                action.run();
                steps.add(name + ": ok");
            } catch (RuntimeException e) {
                steps.add(name + ": " + e.getClass().getSimpleName());
            }
        }
    }

    /**
     * A {@code Partial<String>} handler that, at a part starting with {@code switch}, replaces itself with a
     * {@code Whole<String>} handler: the rest of that message still goes to the partial handler, the next message
     * to the whole one.
     */
    @ServerEndpoint("/handlers/switch")
    public static class SwitchMidMessage {
        @OnOpen
        public void open(Session session) {
            session.addMessageHandler(String.class, new MessageHandler.Partial<String>() {
                private boolean switched;

                @Override
                public void onMessage(String part, boolean last) {
                    if (!switched && part.startsWith("switch")) {
                        switched = true;
                        session.removeMessageHandler(this);
                        session.addMessageHandler(String.class, whole -> reply(session, "whole:" + whole));
                    }
                    reply(session, "partial:" + part + ":" + last);
                }
            });
        }
    }
}
