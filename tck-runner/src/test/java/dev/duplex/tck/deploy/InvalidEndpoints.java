package dev.duplex.tck.deploy;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Date;

/**
 * Annotated endpoints that break one deployment rule each (and two valid ones that others clash with). Deployed one
 * by one by {@link InvalidEndpointsListener}; {@link SuppressScanConfig} keeps the scan from deploying them.
 */
public final class InvalidEndpoints {

    private InvalidEndpoints() {
    }

    /** Valid: deployed first at /dup. */
    @ServerEndpoint("/dup")
    public static class DuplicateFirst {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("first");
        }
    }

    /** The same path as {@link DuplicateFirst} (WSC-3.1.1-2, WSC-4.1.1-4). */
    @ServerEndpoint("/dup")
    public static class DuplicateSecond {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** Valid: deployed first at /tpl/{a}. */
    @ServerEndpoint("/tpl/{a}")
    public static class TemplateFirst {
        @OnOpen
        public void open(Session session, @PathParam("a") String a) throws IOException {
            session.getBasicRemote().sendText("template " + a);
        }
    }

    /** A template equivalent to {@link TemplateFirst}'s (WSC-3.1.1-2). */
    @ServerEndpoint("/tpl/{b}")
    public static class TemplateSecond {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** No leading '/' (WSC-4.1.1-3). */
    @ServerEndpoint("relative")
    public static class NoLeadingSlash {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** An empty path (WSC-4.1.1-3). */
    @ServerEndpoint("")
    public static class EmptyPath {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** A variable that is not closed (WSC-4.1.1-3). */
    @ServerEndpoint("/bad/{x")
    public static class UnclosedVariable {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** A variable that is part of a segment, not a whole one (spec §3.1.1). */
    @ServerEndpoint("/bad/x{y}")
    public static class PartialSegmentVariable {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** The same variable twice (spec §3.1.1). */
    @ServerEndpoint("/rep/{v}/{v}")
    public static class RepeatedVariable {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** A '/../' sequence (spec §3.1.1). */
    @ServerEndpoint("/a/../b")
    public static class DotDotSegment {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** A '/./' sequence (spec §3.1.1). */
    @ServerEndpoint("/a/./b")
    public static class DotSegment {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** A '//' sequence (spec §3.1.1). */
    @ServerEndpoint("/a//b")
    public static class EmptySegment {
        @OnOpen
        public void open(Session session) {
        }
    }

    /** Two methods for text messages (WSC-4.7-4). */
    @ServerEndpoint("/two-text")
    public static class TwoTextMethods {
        @OnMessage
        public void textOne(String message) {
        }

        @OnMessage
        public void textTwo(String message, Session session) {
        }
    }

    /** Two methods for binary messages (WSC-4.7-4). */
    @ServerEndpoint("/two-binary")
    public static class TwoBinaryMethods {
        @OnMessage
        public void bufferMessage(ByteBuffer message) {
        }

        @OnMessage
        public void arrayMessage(byte[] message) {
        }
    }

    /** Two methods for pongs (WSC-4.7-4). */
    @ServerEndpoint("/two-pong")
    public static class TwoPongMethods {
        @OnMessage
        public void pongOne(PongMessage pong) {
        }

        @OnMessage
        public void pongTwo(PongMessage pong, Session session) {
        }
    }

    /** A message type no decoder handles (WSC-4.7-1). */
    @ServerEndpoint("/date")
    public static class UndecodableMessageType {
        @OnMessage
        public void dateMessage(Date date) {
        }
    }

    /** Two message parameters (WSC-4.7-1). */
    @ServerEndpoint("/two-params")
    public static class TwoMessageParameters {
        @OnMessage
        public void twoStrings(String one, String two) {
        }
    }

    /** A return type that cannot be sent (WSC-4.7-1). */
    @ServerEndpoint("/returns-thread")
    public static class UnsendableReturnType {
        @OnMessage
        public Thread threadReply(String message) {
            return null;
        }
    }

    /** An {@code @OnOpen} parameter that is neither Session, EndpointConfig nor a @PathParam (WSC-4.4-3). */
    @ServerEndpoint("/open-param")
    public static class BadOpenParameter {
        @OnOpen
        public void openWithString(Session session, String notAPathParam) {
        }
    }

    /** An {@code @OnClose} parameter of a type it does not allow (WSC-4.5-4). */
    @ServerEndpoint("/close-param")
    public static class BadCloseParameter {
        @OnClose
        public void closeWithConfig(CloseReason reason, EndpointConfig config) {
        }
    }

    /** An {@code @OnError} method without its Throwable parameter (WSC-4.6-3). */
    @ServerEndpoint("/error-param")
    public static class ErrorWithoutThrowable {
        @OnError
        public void errorWithoutThrowable(Session session) {
        }
    }

    /** Two {@code @OnOpen} methods (WSC-4.4-3). */
    @ServerEndpoint("/two-open")
    public static class TwoOpenMethods {
        @OnOpen
        public void openOne(Session session) {
        }

        @OnOpen
        public void openTwo() {
        }
    }

    /** A {@code @PathParam} of a type other than String, primitive or box (WSC-4.3-1). */
    @ServerEndpoint("/object/{v}")
    public static class ObjectPathParam {
        @OnOpen
        public void openWithObject(@PathParam("v") Object v) {
        }
    }

    /** {@code maxMessageSize} on a pong method, which has no size to limit (a Duplex rule, WSC-4.7-1). */
    @ServerEndpoint("/pong-max")
    public static class PongWithMaxMessageSize {
        @OnMessage(maxMessageSize = 10)
        public void limitedPong(PongMessage pong) {
        }
    }

    /** {@code maxMessageSize} over {@code Integer.MAX_VALUE} (spec §4.7.1: a DeploymentException). */
    @ServerEndpoint("/huge-max")
    public static class MaxMessageSizeOverIntMax {
        @OnMessage(maxMessageSize = Integer.MAX_VALUE + 1L)
        public void hugeText(String message) {
        }
    }

    /** Not public (spec §4.1: the class must be public). */
    @ServerEndpoint("/hidden")
    static class NotPublic {
        @OnOpen
        public void open(Session session) {
        }
    }
}
