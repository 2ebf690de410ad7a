package dev.duplex.tck.deploy;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** The other of two scanned endpoints on the same path: the application must not deploy (WSC-3.1.1-2, WSC-4.1.1-4). */
@ServerEndpoint("/same")
public class ScanDuplicateB {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("B");
    }
}
