package dev.duplex.tck.configurator;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Reports, one {@code key=value} per line, what a web application sees of the container's defaults: the
 * {@code ServerContainer} context attribute, the platform default configurator found through {@code ServiceLoader},
 * and what that default does when the API's {@code Configurator} base class delegates to it.
 */
@WebServlet("/defaults")
public class DefaultConfiguratorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        Object container = getServletContext().getAttribute("jakarta.websocket.server.ServerContainer");
        out.println("container=" + (container == null ? "null" : container.getClass().getName()));
        out.println("isServerContainer=" + (container instanceof ServerContainer));

        ServerEndpointConfig.Configurator base = new ServerEndpointConfig.Configurator();
        out.println("default=" + base.getContainerDefaultConfigurator().getClass().getName());
        ServerEndpointConfig built = ServerEndpointConfig.Builder.create(PlainEndpoint.class, "/x").build();
        out.println("built=" + built.getConfigurator().getClass().getName());

        out.println("subprotocol=" + base.getNegotiatedSubprotocol(List.of("a", "b", "c"), List.of("d", "c", "b")));
        out.println("noSubprotocol=[" + base.getNegotiatedSubprotocol(List.of("a"), List.of("b")) + "]");
        out.println("extensions=" + base.getNegotiatedExtensions(List.<Extension>of(), List.<Extension>of()));
        try {
            Object first = base.getEndpointInstance(PlainEndpoint.class);
            Object second = base.getEndpointInstance(PlainEndpoint.class);
            out.println("instanceClass=" + first.getClass().getName());
            out.println("newInstanceEachCall=" + (first != second));
        } catch (InstantiationException e) {
            out.println("instanceClass=threw " + e);
        }
    }
}
