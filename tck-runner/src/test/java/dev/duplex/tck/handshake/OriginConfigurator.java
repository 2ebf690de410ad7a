package dev.duplex.tck.handshake;

import jakarta.websocket.server.ServerEndpointConfig;

/** Accepts only the origin {@code http://allowed.example}. */
public class OriginConfigurator extends ServerEndpointConfig.Configurator {

    public static final String ALLOWED = "http://allowed.example";

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return ALLOWED.equals(originHeaderValue);
    }
}
