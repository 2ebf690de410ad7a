package dev.duplex.tck.install;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/**
 * The echo endpoint of the WAR deployed into the Tomcat installation: echoes text and binary messages; the text
 * {@code implementation?} is answered with the class names of the session and its container, which show whose
 * WebSocket implementation serves the application.
 */
@ServerEndpoint("/echo")
public class InstalledEchoEndpoint {

    @OnMessage(maxMessageSize = 4 * 1024 * 1024)
    public String text(String message, Session session) {
        if ("transport?".equals(message)) { // the transport that read this message, for an inline callback
            return java.util.Arrays.stream(Thread.currentThread().getStackTrace())
                    .map(StackTraceElement::getClassName)
                    .filter(c -> c.startsWith("dev.duplex.") && c.endsWith("Transport"))
                    .findFirst().orElse("none");
        }
        if ("implementation?".equals(message)) {
            return session.getClass().getName() + " " + session.getContainer().getClass().getName();
        }
        return message;
    }

    @OnMessage(maxMessageSize = 4 * 1024 * 1024)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
