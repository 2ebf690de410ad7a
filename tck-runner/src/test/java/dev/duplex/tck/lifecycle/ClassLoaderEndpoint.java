package dev.duplex.tck.lifecycle;

import dev.duplex.tck.messaging.Mailbox;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Records, in each callback into application code, whether the thread's context class loader is the web
 * application's (this class's loader). Commands (decoded by {@link CommandDecoder}): {@code id}; {@code boom}
 * (throws, so {@code @OnError} runs and answers {@code error}); {@code send} (an async send whose
 * {@code SendHandler} posts its finding under {@code ccl-handler-<id>} and the endpoint answers {@code ack});
 * {@code summary} (answered through {@link SummaryEncoder}). {@code @OnClose} posts the findings under
 * {@code ccl-<id>}.
 */
@ServerEndpoint(value = "/threading/ccl", decoders = ClassLoaderEndpoint.CommandDecoder.class,
        encoders = ClassLoaderEndpoint.SummaryEncoder.class)
public class ClassLoaderEndpoint {

    private final Map<String, Boolean> seen = new ConcurrentSkipListMap<>();

    static boolean webAppLoader() {
        return Thread.currentThread().getContextClassLoader() == ClassLoaderEndpoint.class.getClassLoader();
    }

    private void record(String callback, boolean ok) {
        seen.merge(callback, ok, Boolean::logicalAnd);
    }

    /** A decoded command, with what the decoder saw. */
    public record Command(String text, boolean decodedWithWebAppLoader) {
    }

    /** The findings so far, sent through {@link SummaryEncoder}. */
    public record Summary(Map<String, Boolean> seen) {
    }

    public static class CommandDecoder implements Decoder.Text<Command> {
        @Override
        public Command decode(String text) {
            return new Command(text, webAppLoader());
        }

        @Override
        public boolean willDecode(String text) {
            return true;
        }
    }

    public static class SummaryEncoder implements Encoder.Text<Summary> {
        @Override
        public String encode(Summary summary) throws EncodeException {
            Map<String, Boolean> copy = new ConcurrentSkipListMap<>(summary.seen());
            copy.put("encoder", webAppLoader());
            return copy.toString();
        }
    }

    @OnOpen
    public void open() {
        record("onOpen", webAppLoader());
    }

    @OnMessage
    public void command(Command command, Session session) throws IOException, EncodeException {
        record("onMessage", webAppLoader());
        record("decoder", command.decodedWithWebAppLoader());
        switch (command.text()) {
            case "id" -> session.getBasicRemote().sendText(session.getId());
            case "boom" -> throw new IllegalStateException("boom");
            case "send" -> session.getAsyncRemote().sendText("ack",
                    result -> Mailbox.post("ccl-handler-" + session.getId(), "sendHandler=" + webAppLoader()));
            case "summary" -> session.getBasicRemote().sendObject(new Summary(seen));
            default -> throw new IllegalArgumentException(command.text());
        }
    }

    @OnError
    public void error(Session session, Throwable error) throws IOException {
        record("onError", webAppLoader());
        session.getBasicRemote().sendText("error");
    }

    @OnClose
    public void close(Session session) {
        record("onClose", webAppLoader());
        Mailbox.post("ccl-" + session.getId(), seen.toString());
    }
}
