package dev.duplex.tck.deploy;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;

/**
 * {@code GET /late-add?kind=class|config}: calls {@code addEndpoint} on a running application and answers what it
 * returned ("ok") or threw (class and message).
 */
@WebServlet("/late-add")
public class LateAddServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerContainer container = (ServerContainer) getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        String outcome = "class".equals(request.getParameter("kind"))
                ? OutcomeServlet.outcome(() -> container.addEndpoint(LateEndpoint.class))
                : OutcomeServlet.outcome(() -> container.addEndpoint(ServerEndpointConfig.Builder.create(
                        ListenerProgrammaticEndpoint.class, "/late-config").build()));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(outcome);
    }
}
