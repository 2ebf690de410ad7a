package dev.duplex.frame;

import static dev.duplex.frame.SplitFeeder.CLIENT;
import static dev.duplex.frame.SplitFeeder.SERVER;
import static dev.duplex.frame.SplitFeeder.assertError;
import static dev.duplex.frame.SplitFeeder.assertEvents;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.4 fragmentation rules. */
class FrameParserFragmentationTest {

    @Test
    void rfcExampleFragmentedText() {   // RFC 6455 §5.7
        assertEvents(Wire.bytes("01 03 48 65 6c 80 02 6c 6f"), CLIENT,
                "TEXT fin=false rsv=0 len=3", "end fin=false data=48656c",
                "CONTINUATION fin=true rsv=0 len=2", "end fin=true data=6c6f");
    }

    @Test
    void manyFragmentsIncludingEmptyOnes() {
        assertEvents(Wire.bytes("02 00 00 01 aa 00 00 80 00 82 01 bb"), CLIENT,
                "BINARY fin=false rsv=0 len=0", "end fin=false data=",
                "CONTINUATION fin=false rsv=0 len=1", "end fin=false data=aa",
                "CONTINUATION fin=false rsv=0 len=0", "end fin=false data=",
                "CONTINUATION fin=true rsv=0 len=0", "end fin=true data=",
                "BINARY fin=true rsv=0 len=1", "end fin=true data=bb");
    }

    @Test
    void controlFramesBetweenFragments() {   // RFC 6455 §5.4: control frames may be injected
        byte[] wire = Wire.concat(
                Wire.clientFrame(false, OpCode.TEXT, Wire.ascii("Hel")),
                Wire.clientFrame(true, OpCode.PING, Wire.ascii("p")),
                Wire.clientFrame(false, OpCode.CONTINUATION, Wire.ascii("l")),
                Wire.clientFrame(true, OpCode.PONG, new byte[0]),
                Wire.clientFrame(true, OpCode.CLOSE, Wire.bytes("03e9")),
                Wire.clientFrame(true, OpCode.CONTINUATION, Wire.ascii("o")));
        assertEvents(wire, SERVER,
                "TEXT fin=false rsv=0 len=3", "end fin=false data=48656c",
                "PING data=70",
                "CONTINUATION fin=false rsv=0 len=1", "end fin=false data=6c",
                "PONG data=",
                "CLOSE 1001 reason=",
                "CONTINUATION fin=true rsv=0 len=1", "end fin=true data=6f");
    }

    @Test
    void continuationWithoutAMessage() {
        assertError(Wire.bytes("80 01 41"), CLIENT, 1002, List.of("CONTINUATION frame with no fragmented message", "§5.4"));
        assertError(Wire.bytes("00"), CLIENT, 1002, List.of("CONTINUATION"));
    }

    @Test
    void continuationAfterTheMessageEnded() {
        assertError(Wire.bytes("01 01 41 80 01 42 80 01 43"), CLIENT, 1002, List.of("no fragmented message"),
                "TEXT fin=false rsv=0 len=1", "end fin=false data=41",
                "CONTINUATION fin=true rsv=0 len=1", "end fin=true data=42");
        assertError(Wire.bytes("81 01 41 00 00"), CLIENT, 1002, List.of("no fragmented message"),
                "TEXT fin=true rsv=0 len=1", "end fin=true data=41");
    }

    @Test
    void newMessageWhileAFragmentedOneIsInProgress() {
        assertError(Wire.bytes("01 01 41 81 01 42"), CLIENT, 1002,
                List.of("TEXT frame while a fragmented message is still in progress", "§5.4"),
                "TEXT fin=false rsv=0 len=1", "end fin=false data=41");
        assertError(Wire.bytes("01 01 41 89 00 02 00"), CLIENT, 1002, List.of("BINARY frame while"),
                "TEXT fin=false rsv=0 len=1", "end fin=false data=41", "PING data=");
        assertError(Wire.bytes("02 00 00 00 01 00"), CLIENT, 1002, List.of("TEXT frame while"),
                "BINARY fin=false rsv=0 len=0", "end fin=false data=",
                "CONTINUATION fin=false rsv=0 len=0", "end fin=false data=");
    }

    @Test
    void newMessageAfterAFragmentedOneEnded() {
        assertEvents(Wire.bytes("01 00 80 00 02 00 80 00"), CLIENT,
                "TEXT fin=false rsv=0 len=0", "end fin=false data=",
                "CONTINUATION fin=true rsv=0 len=0", "end fin=true data=",
                "BINARY fin=false rsv=0 len=0", "end fin=false data=",
                "CONTINUATION fin=true rsv=0 len=0", "end fin=true data=");
    }
}
