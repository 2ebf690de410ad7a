package dev.duplex.tck.handshake;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports, one {@code key=value} per line, what {@link InspectConfigurator} saw of the handshake request and what
 * the {@link Session} says of the same request.
 */
@ServerEndpoint(value = "/inspect/{id}", configurator = InspectConfigurator.class)
public class InspectEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(session.getUserProperties()).entrySet()) {
            if (e.getKey().startsWith("hs.")) {
                report.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        report.append("session.uri=").append(session.getRequestURI()).append('\n');
        report.append("session.query=").append(session.getQueryString()).append('\n');
        report.append("session.params=").append(new TreeMap<>(session.getRequestParameterMap())).append('\n');
        report.append("session.pathParams=").append(session.getPathParameters()).append('\n');
        report.append("session.principal=").append(session.getUserPrincipal()).append('\n');
        report.append("session.protocolVersion=").append(session.getProtocolVersion()).append('\n');
        report.append("session.secure=").append(session.isSecure()).append('\n');
        session.getBasicRemote().sendText(report.toString());
    }
}
