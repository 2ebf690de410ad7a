package dev.duplex.server;

import dev.duplex.session.CdiInstances;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's default {@link ServerEndpointConfig.Configurator}, found by the API through
 * {@code META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator}. It never calls
 * {@code super} (the API's base methods delegate here). Stateless; called on the handshake's thread.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    /** The first subprotocol in the client's list that the server supports, else "" (javadoc assertion 209). */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String candidate : requested) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    /** The requested extensions the server has installed, in the requested order (javadoc assertion 208). */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> result = new ArrayList<>();
        for (Extension r : requested) {
            for (Extension i : installed) {
                if (i.getName().equals(r.getName())) {
                    result.add(r);
                    break;
                }
            }
        }
        return result;
    }

    /** Accepts every origin; override to restrict (a false answer fails the handshake with 403). */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // Nothing to change by default.
    }

    /**
     * A new instance per connection: from CDI when the application runs a CDI container, so that the endpoint may
     * {@code @Inject} beans (see {@link CdiInstances}), else through the public no-argument constructor.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        T managed = CdiInstances.create(endpointClass);
        if (managed != null) {
            return managed;
        }
        try {
            return endpointClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            InstantiationException ie = new InstantiationException("the constructor of " + endpointClass.getName()
                    + " threw " + e.getCause());
            ie.initCause(e.getCause());
            throw ie;
        } catch (ReflectiveOperationException e) {
            InstantiationException ie = new InstantiationException("cannot create " + endpointClass.getName()
                    + ": it needs a public no-argument constructor (" + e + ")");
            ie.initCause(e);
            throw ie;
        }
    }
}
