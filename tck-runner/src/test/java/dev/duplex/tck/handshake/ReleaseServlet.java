package dev.duplex.tck.handshake;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /release}: lets the current {@link SlowOpenEndpoint#open} return. */
@WebServlet("/release")
public class ReleaseServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SlowOpenEndpoint.release.countDown();
        response.getWriter().print("released");
    }
}
