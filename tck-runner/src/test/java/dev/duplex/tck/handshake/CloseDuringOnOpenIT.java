package dev.duplex.tck.handshake;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.WebSocket;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that closes as soon as the endpoint's first message arrives, while the endpoint's {@code onOpen} is still
 * running, still gets the close reply once {@code onOpen} returns.
 */
@ExtendWith(ArquillianExtension.class)
class CloseDuringOnOpenIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("handshake-close-during-open", SlowOpenEndpoint.class, ReleaseServlet.class);
    }

    /**
     * WSC-5.1-3 (onClose only after onOpen completed: the close is held, not lost), RFC 6455 §5.5.1 (a close gets a
     * close reply), §7.1.2. The client has sent its close and sends nothing else (it answers no ping after it).
     */
    @Test
    void closeReceivedWhileOnOpenRunsIsAnsweredAfterOnOpenReturns() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/slow-open", listener);
        assertEquals("opened", listener.next(Text.class).text());

        await(ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
        assertEquals("released", Clients.getText(base, "/release"));

        assertEquals(WebSocket.NORMAL_CLOSURE, listener.next(Close.class, "the close reply").code());
    }
}
