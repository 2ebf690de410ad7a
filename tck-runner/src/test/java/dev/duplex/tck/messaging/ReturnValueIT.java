package dev.duplex.tck.messaging;

import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The value returned by a non-void {@code @OnMessage} method is sent back to the peer: text for {@code String} and
 * primitives, binary for {@code ByteBuffer} and {@code byte[]}, and a custom type through the endpoint's encoder.
 */
@ExtendWith(ArquillianExtension.class)
class ReturnValueIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("return-value", ReturnEndpoints.class);
    }

    /**
     * A returned {@code String}, primitive or box is sent as a text message, primitives in their standard Java
     * string form. WSC-4.7-3, §2.1.4 (the annotated example returns the reply), javadoc 109 (primitives encoded by
     * default).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"string, hi, re:hi", "int, 21, 42", "Long, abc, 25769803776", "char, xyz, z"})
    void returnedValueIsSentAsText(String path, String message, String expected) throws Exception {
        try (Peer peer = Peer.open(base, "/return/" + path)) {
            assertEquals(expected, peer.request(message));
        }
    }

    /**
     * A returned custom object is sent through the endpoint's encoder. WSC-4.1.2-1, WSC-3-1, javadoc 61, 190.
     */
    @Test
    void returnedCustomObjectGoesThroughEncoder() throws Exception {
        try (Peer peer = Peer.open(base, "/return/custom")) {
            assertEquals("Hello, Ada!", peer.request("Ada"));
        }
    }

    /** A returned {@code ByteBuffer} or {@code byte[]} is sent as a binary message. WSC-2.2.3-1. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ByteBuffer", "bytes"})
    void returnedBytesAreSentAsBinary(String path) throws Exception {
        try (Peer peer = Peer.open(base, "/return/" + path)) {
            peer.sendBinary(new byte[] {1, 2, 3, 4});

            assertArrayEquals(new byte[] {4, 3, 2, 1}, peer.nextBinary());
        }
    }
}
