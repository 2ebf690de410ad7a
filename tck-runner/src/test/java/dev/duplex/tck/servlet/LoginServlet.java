package dev.duplex.tck.servlet;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * {@code GET /secure/login[?maxInactive=seconds]} (authenticated): creates the HTTP session of the logged-in user,
 * optionally with a short timeout, stores a random {@code marker} attribute in it and answers the marker (a
 * container may change the session id when it authenticates a later request; the marker stays).
 * {@code GET /secure/login?logout}: invalidates it and answers {@code invalidated}.
 */
@WebServlet("/secure/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getParameter("logout") != null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.getWriter().print(session == null ? "no session" : "invalidated");
            return;
        }
        HttpSession session = request.getSession(true);
        String maxInactive = request.getParameter("maxInactive");
        if (maxInactive != null) {
            session.setMaxInactiveInterval(Integer.parseInt(maxInactive));
        }
        String marker = java.util.UUID.randomUUID().toString();
        session.setAttribute("marker", marker);
        response.getWriter().print(marker);
    }
}
