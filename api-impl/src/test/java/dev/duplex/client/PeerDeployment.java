package dev.duplex.client;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.function.Supplier;

/**
 * The endpoints every peer serves: {@code /echo}, {@code /headers} (echoes X-Duplex-Test as X-Duplex-Echo),
 * {@code /protocols} (subprotocols chat.v2 and chat.v1, in that order of the server's preference) and
 * {@code /forbidden} (origin refused: 403). Any other path is a 404. Messages up to 4 MiB are accepted.
 */
final class PeerDeployment {

    static final int MAX_MESSAGE = 4 << 20;

    private PeerDeployment() {
    }

    static void deploy(ServerContainer container, Supplier<ServerEndpointConfig.Configurator> peerDefault)
            throws DeploymentException {
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE);
        container.addEndpoint(ServerEndpointConfig.Builder.create(PeerEcho.class, "/echo")
                .configurator(new DelegatingConfigurator(peerDefault.get())).build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(PeerEcho.class, "/headers")
                .configurator(new DelegatingConfigurator.HeaderEcho(peerDefault.get())).build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(PeerEcho.class, "/protocols")
                .subprotocols(List.of("chat.v2", "chat.v1"))
                .configurator(new DelegatingConfigurator(peerDefault.get())).build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(PeerEcho.class, "/forbidden")
                .configurator(new DelegatingConfigurator.Refusing(peerDefault.get())).build());
    }
}
