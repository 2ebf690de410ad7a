package dev.duplex.tck.deploy;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Two {@code @OnMessage} methods for text: invalid (WSC-4.7-4); found by the scan, it fails the deployment. */
@ServerEndpoint("/invalid")
public class ScanInvalidEndpoint {

    @OnMessage
    public void firstText(String message) {
    }

    @OnMessage
    public void secondText(String message) {
    }
}
