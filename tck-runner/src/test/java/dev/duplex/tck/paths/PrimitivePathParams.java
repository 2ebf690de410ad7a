package dev.duplex.tck.paths;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** {@code @PathParam} of String and every primitive type on {@code @OnOpen}: reports the converted values. */
@ServerEndpoint("/primitive/{s}/{i}/{l}/{b}/{c}/{d}/{f}/{sh}/{by}")
public class PrimitivePathParams {

    @OnOpen
    public void open(Session session, @PathParam("s") String s, @PathParam("i") int i, @PathParam("l") long l,
            @PathParam("b") boolean b, @PathParam("c") char c, @PathParam("d") double d, @PathParam("f") float f,
            @PathParam("sh") short sh, @PathParam("by") byte by) throws IOException {
        session.getBasicRemote().sendText("s=" + s + ";i+1=" + (i + 1) + ";l+1=" + (l + 1) + ";!b=" + !b
                + ";c=" + c + ";d*2=" + (d * 2) + ";f=" + f + ";sh=" + sh + ";by=" + by);
    }
}
