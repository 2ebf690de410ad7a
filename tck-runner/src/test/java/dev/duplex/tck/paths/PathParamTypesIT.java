package dev.duplex.tck.paths;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.handshake.Reports;
import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.WebSocket;
import java.util.Map;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code @PathParam} values: String, primitives and boxes converted from the matched segment (spec §4.3). */
@ExtendWith(ArquillianExtension.class)
class PathParamTypesIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("paths-params", PrimitivePathParams.class, BoxedPathParams.class,
                PathParamDecodeFailure.class);
    }

    /**
     * WSC-4.3-3 (the parameter gets the segment of the connection's URI), WSC-4.3-4 (String: the segment),
     * WSC-4.3-5 (primitives: as the box's String constructor would build them, then unboxed); WSC-4.4-2.
     */
    @Test
    void primitivePathParametersAreConvertedFromTheirSegments() throws Exception {
        Map<String, String> r = Reports.parse(Clients.firstMessage(base,
                "/primitive/hello/41/9876543210/true/q/1.25/2.5/-7/12"), ';');

        assertEquals("hello", r.get("s"), "report " + r);
        assertEquals("42", r.get("i+1"), "report " + r);
        assertEquals("9876543211", r.get("l+1"), "report " + r);
        assertEquals("false", r.get("!b"), "report " + r);
        assertEquals("q", r.get("c"), "report " + r);
        assertEquals("2.5", r.get("d*2"), "report " + r);
        assertEquals("2.5", r.get("f"), "report " + r);
        assertEquals("-7", r.get("sh"), "report " + r);
        assertEquals("12", r.get("by"), "report " + r);
    }

    /**
     * WSC-4.3-5: {@code Boolean(String)} semantics: any text other than "true" (ignoring case) is {@code false}, not
     * an error.
     */
    @Test
    void booleanPathParameterFollowsTheBooleanStringConstructor() throws Exception {
        Map<String, String> r = Reports.parse(Clients.firstMessage(base,
                "/primitive/x/0/0/TRUE/q/0/0/0/0"), ';');
        assertEquals("false", r.get("!b"), "TRUE is true; report " + r);

        r = Reports.parse(Clients.firstMessage(base, "/primitive/x/0/0/yes/q/0/0/0/0"), ';');
        assertEquals("true", r.get("!b"), "yes is false; report " + r);
    }

    /** WSC-4.3-3, WSC-4.3-5: boxed types get boxes of the segment's value. */
    @Test
    void boxedPathParametersAreConvertedFromTheirSegments() throws Exception {
        assertEquals("open Integer:7 Long:-3000000000 Boolean:true Character:z",
                Clients.firstMessage(base, "/boxed/7/-3000000000/true/z"));
    }

    /**
     * WSC-4.3-3: on every {@code @OnMessage} call the parameter carries the connection's segment (a boxed and a
     * primitive one, around the message parameter).
     */
    @Test
    void pathParametersReachOnMessage() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = Clients.connect(base, "/boxed/21/5/false/y", listener);
        listener.next(Text.class, "the open report");

        await(ws.sendText("first", true));
        assertEquals("first Long:5 42", listener.next(Text.class).text());
        await(ws.sendText("second", true));
        assertEquals("second Long:5 42", listener.next(Text.class).text());
        Clients.closeNormally(ws, listener);
    }

    /**
     * WSC-4.3-6: a segment that cannot be converted to the parameter's type raises a {@code DecodeException} to the
     * endpoint's error handling method (WSC-4.6-2); the connection is established, so the endpoint can report it.
     */
    @Test
    void unconvertibleSegmentRaisesDecodeExceptionToOnError() throws Exception {
        assertEquals("open 5", Clients.firstMessage(base, "/number/5"));
        assertEquals("error jakarta.websocket.DecodeException", Clients.firstMessage(base, "/number/five"));
    }
}
