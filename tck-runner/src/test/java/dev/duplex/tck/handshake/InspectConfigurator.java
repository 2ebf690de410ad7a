package dev.duplex.tck.handshake;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records what {@code modifyHandshake} sees of the {@link HandshakeRequest} in the connection's user properties
 * (prefixed {@code hs.}), for {@link InspectEndpoint} to report.
 */
public class InspectConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> props = sec.getUserProperties();
        Map<String, List<String>> headers = request.getHeaders();
        props.put("hs.lower", String.valueOf(headers.get("x-test-header")));
        props.put("hs.upper", String.valueOf(headers.get("X-TEST-HEADER")));
        props.put("hs.mixed", String.valueOf(headers.get("X-Test-Header")));
        props.put("hs.containsKey", String.valueOf(headers.containsKey("x-TEST-header")));
        try {
            headers.put("X-Added", List.of("x"));
            props.put("hs.headersWritable", "true");
        } catch (UnsupportedOperationException e) {
            props.put("hs.headersWritable", "false");
        }
        props.put("hs.params", String.valueOf(new TreeMap<>(request.getParameterMap())));
        props.put("hs.query", String.valueOf(request.getQueryString()));
        props.put("hs.uri", String.valueOf(request.getRequestURI()));
        props.put("hs.principal", String.valueOf(request.getUserPrincipal()));
        props.put("hs.inRole", String.valueOf(request.isUserInRole("admin")));
        Object httpSession = request.getHttpSession();
        props.put("hs.httpSession", httpSession == null ? "null"
                : httpSession instanceof HttpSession s ? "marker:" + s.getAttribute("marker")
                : "not an HttpSession: " + httpSession.getClass().getName());
    }
}
