package dev.duplex.client;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * A peer-side configurator that hands everything to the peer's own default configurator, so that Duplex's
 * {@code ServerEndpointConfig.Configurator} service entry (also on the test class path) never stands in for
 * Tomcat's or Jetty's. Subclasses change one hook each.
 */
class DelegatingConfigurator extends ServerEndpointConfig.Configurator {

    private final ServerEndpointConfig.Configurator peerDefault;

    DelegatingConfigurator(ServerEndpointConfig.Configurator peerDefault) {
        this.peerDefault = peerDefault;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return peerDefault.getNegotiatedSubprotocol(supported, requested);
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return peerDefault.getNegotiatedExtensions(installed, requested);
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return peerDefault.checkOrigin(originHeaderValue);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        peerDefault.modifyHandshake(sec, request, response);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return peerDefault.getEndpointInstance(endpointClass);
    }

    /** Echoes the request header X-Duplex-Test back as the response header X-Duplex-Echo. */
    static final class HeaderEcho extends DelegatingConfigurator {
        HeaderEcho(ServerEndpointConfig.Configurator peerDefault) {
            super(peerDefault);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            super.modifyHandshake(sec, request, response);
            List<String> values = request.getHeaders().get("X-Duplex-Test");
            response.getHeaders().put("X-Duplex-Echo", List.of(values == null ? "(none)" : String.join(",", values)));
        }
    }

    /** Refuses every origin: the peer answers 403. */
    static final class Refusing extends DelegatingConfigurator {
        Refusing(ServerEndpointConfig.Configurator peerDefault) {
            super(peerDefault);
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return false;
        }
    }
}
