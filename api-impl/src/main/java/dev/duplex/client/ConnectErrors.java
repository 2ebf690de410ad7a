package dev.duplex.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns a low-level failure of a {@link ConnectAttempt} into the exception a user reads: it names the URI, the step
 * that failed and, where a common cause is recognisable (refused connection, untrusted certificate, host name not in
 * the certificate), says so in plain words. The type follows the cause ({@link ConnectException},
 * {@link SSLHandshakeException}, else {@link IOException}), with the original failure as its cause. Stateless.
 */
final class ConnectErrors {

    private ConnectErrors() {
    }

    static IOException describe(ConnectTarget target, ProxyRoute proxy, ConnectAttempt.Phase phase, IOException cause) {
        String where = "cannot connect to " + target.uri() + ": ";
        String peer = proxy == null ? target.authority() : "proxy " + proxy.describe();
        IOException described;
        if (phase == ConnectAttempt.Phase.CONNECT && cause instanceof ConnectException) {
            described = new ConnectException(where + "the connection was refused by " + peer
                    + " (nothing listens on that port, or a firewall said no)");
        } else if (phase == ConnectAttempt.Phase.CONNECT && cause instanceof NoRouteToHostException) {
            described = new NoRouteToHostException(where + "there is no route to " + peer);
        } else if (phase == ConnectAttempt.Phase.CONNECT) {
            described = new IOException(where + "connecting to " + peer + " failed: " + cause.getMessage());
        } else if (phase == ConnectAttempt.Phase.TLS && cause instanceof SSLException) {
            described = new SSLHandshakeException(where + "the TLS handshake with " + target.authority()
                    + " failed: " + tlsReason(target, cause));
        } else {
            described = new IOException(where + cause.getMessage());
        }
        described.initCause(cause);
        return described;
    }

    private static String tlsReason(ConnectTarget target, IOException cause) {
        String detail = rootMessage(cause);
        if (detail.contains("subject alternative") || detail.contains("No name matching")) {
            return "the server's certificate is not valid for host name '" + target.host() + "' (host-name"
                    + " verification is on: connect by a name the certificate lists): " + detail;
        }
        if (detail.contains("PKIX") || detail.contains("certification path")) {
            return "the server's certificate is not trusted (give ClientEndpointConfig.Builder.sslContext an"
                    + " SSLContext whose trust store holds it or its issuer): " + detail;
        }
        if (hasCause(cause, CertificateException.class)) {
            return "the server's certificate was rejected: " + detail;
        }
        return detail;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        String message = String.valueOf(failure.getMessage());
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
