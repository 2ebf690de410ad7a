package dev.duplex.tck.messaging;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Reads the {@link Mailbox}: the message {@code key} or {@code key|count} is answered with the notes under
 * {@code key} once there are at least {@code count} of them (default 1), one per line.
 */
@ServerEndpoint("/mailbox")
public class MailboxEndpoint {

    @OnMessage
    public String read(String request) throws InterruptedException {
        int bar = request.lastIndexOf('|');
        if (bar < 0) {
            return Mailbox.await(request, 1);
        }
        return Mailbox.await(request.substring(0, bar), Integer.parseInt(request.substring(bar + 1)));
    }
}
