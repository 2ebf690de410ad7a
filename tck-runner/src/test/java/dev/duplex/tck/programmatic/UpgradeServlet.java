package dev.duplex.tck.programmatic;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A front controller at {@code /rooms/*} (no endpoint is deployed there): upgrades the request itself with
 * {@code ServerContainer.upgradeHttpToWebSocket}, for a {@link RoomEndpoint} configuration it builds, passing the
 * room (the path info) as path parameter. When the call throws, it answers 200 with the exception's class and
 * message, if the response is still uncommitted.
 */
@WebServlet("/rooms/*")
public class UpgradeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerContainer container = (ServerContainer) getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(RoomEndpoint.class, "/rooms/{room}")
                .subprotocols(List.of("chat"))
                .build();
        String room = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of("room", room));
        } catch (DeploymentException | IOException | RuntimeException e) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(200);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().print("threw " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
