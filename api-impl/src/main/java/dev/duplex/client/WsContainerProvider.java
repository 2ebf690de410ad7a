package dev.duplex.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Makes {@code ContainerProvider.getWebSocketContainer()} return Duplex's client container, through
 * {@code META-INF/services/jakarta.websocket.ContainerProvider}. Each call returns a new {@link WsClientContainer}
 * (the API's contract: "obtain a new instance"); a container holds no thread until its first connect, and its threads
 * are daemons. Programs that connect often should keep one container and share it.
 *
 * <p>Threads: any; created by {@link java.util.ServiceLoader} with its public no-argument constructor.
 */
public final class WsContainerProvider extends ContainerProvider {

    public WsContainerProvider() {
    }

    @Override
    protected WebSocketContainer getContainer() {
        return new WsClientContainer();
    }
}
