package dev.duplex.tck.handshake;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.UUID;

/** {@code GET /make-session}: creates an HTTP session holding a random marker, and answers the marker. */
@WebServlet("/make-session")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        String marker = UUID.randomUUID().toString();
        session.setAttribute("marker", marker);
        response.setContentType("text/plain");
        response.getWriter().print(marker);
    }
}
