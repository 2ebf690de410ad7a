package dev.duplex.tck.servlet;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reports the settings a new session gets, on open:
 * {@code text=<max text> binary=<max binary> idle=<max idle> send=<async send timeout>} followed by the container's
 * defaults {@code | text=.. binary=.. idle=.. send=..}. Answers a text message with {@code text:<length>} and a
 * binary one with {@code binary:<length>} (no {@code maxMessageSize}: the container-wide limits apply). The text
 * {@code thread} answers {@code thread duplex=<whether this callback runs on Duplex's executor (Duplex's own
 * threads, or Undertow's workers with duplex-undertow-integration), not below the read of the message>};
 * {@code transport} names the Duplex transport classes on the stack (the one that read the message, for an inline
 * callback). The text
 * {@code flood-result <token>} waits for {@link FloodSelfEndpoint}'s result under that token and answers it.
 */
@ServerEndpoint("/settings")
public class SettingsEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        WebSocketContainer c = session.getContainer();
        session.getBasicRemote().sendText("text=" + session.getMaxTextMessageBufferSize()
                + " binary=" + session.getMaxBinaryMessageBufferSize()
                + " idle=" + session.getMaxIdleTimeout()
                + " send=" + session.getAsyncRemote().getSendTimeout()
                + " | text=" + c.getDefaultMaxTextMessageBufferSize()
                + " binary=" + c.getDefaultMaxBinaryMessageBufferSize()
                + " idle=" + c.getDefaultMaxSessionIdleTimeout()
                + " send=" + c.getDefaultAsyncSendTimeout());
    }

    @OnMessage
    public String text(String text) throws InterruptedException {
        if (text.equals("thread")) {
            // Duplex's executor (its own pool, or Undertow's workers with duplex-undertow-integration) runs the
            // callback outside any read: an inline callback runs below the read of its message, which every transport
            // hands to Connection.onRead (a transport class alone says nothing: executor runs may start in one).
            boolean reading = false;
            for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                reading |= e.getClassName().equals("dev.duplex.core.Connection") && e.getMethodName().equals("onRead");
            }
            return "thread duplex=" + !reading;
        }
        if (text.equals("transport")) {
            java.util.Set<String> transports = new java.util.TreeSet<>();
            for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                if (e.getClassName().startsWith("dev.duplex.") && e.getClassName().endsWith("Transport")) {
                    transports.add(e.getClassName());
                }
            }
            return "transport " + transports;
        }
        if (text.startsWith("flood-result ")) {
            return FloodSelfEndpoint.awaitResult(text.substring("flood-result ".length()));
        }
        return "text:" + text.length();
    }

    @OnMessage
    public String binary(ByteBuffer data) {
        return "binary:" + data.remaining();
    }
}
