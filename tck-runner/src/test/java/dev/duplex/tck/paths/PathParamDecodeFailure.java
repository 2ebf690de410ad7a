package dev.duplex.tck.paths;

import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/**
 * An {@code int} path parameter: a segment that is no int must reach {@code @OnError} as a
 * {@code DecodeException}, which the endpoint reports as a message.
 */
@ServerEndpoint("/number/{n}")
public class PathParamDecodeFailure {

    @OnOpen
    public void open(Session session, @PathParam("n") int n) throws IOException {
        session.getBasicRemote().sendText("open " + n);
    }

    @OnError
    public void error(Session session, Throwable error) throws IOException {
        session.getBasicRemote().sendText("error " + error.getClass().getName());
    }
}
