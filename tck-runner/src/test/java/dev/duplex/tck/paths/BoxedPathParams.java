package dev.duplex.tck.paths;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/**
 * {@code @PathParam} of boxed types on {@code @OnOpen}, and on {@code @OnMessage}: reports the values with their
 * classes.
 */
@ServerEndpoint("/boxed/{i}/{l}/{b}/{c}")
public class BoxedPathParams {

    @OnOpen
    public void open(Session session, @PathParam("i") Integer i, @PathParam("l") Long l, @PathParam("b") Boolean b,
            @PathParam("c") Character c) throws IOException {
        session.getBasicRemote().sendText("open " + describe(i) + " " + describe(l) + " " + describe(b) + " "
                + describe(c));
    }

    @OnMessage
    public String message(@PathParam("l") Long l, String message, @PathParam("i") int i) {
        return message + " " + describe(l) + " " + (i * 2);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
