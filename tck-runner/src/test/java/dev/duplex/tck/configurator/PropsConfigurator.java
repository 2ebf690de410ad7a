package dev.duplex.tck.configurator;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/**
 * Puts the {@code name} query parameter into the user properties it is given in {@code modifyHandshake}, and notes
 * whether those are the deployed configuration's own map.
 */
public class PropsConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        List<String> name = request.getParameterMap().get("name");
        sec.getUserProperties().put("conn", name == null ? "none" : name.get(0));
        sec.getUserProperties().put("handshakeMapIsDeployedMap",
                String.valueOf(sec.getUserProperties() == PropsConfig.deployed.getUserProperties()));
    }
}
