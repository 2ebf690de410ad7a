package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.2 / §11.8 opcodes. */
class OpCodeTest {

    @Test
    void predicatesAndNamesForEveryOpcode() {
        Set<Integer> known = Set.of(0x0, 0x1, 0x2, 0x8, 0x9, 0xA);
        String[] names = {"CONTINUATION", "TEXT", "BINARY", "0x3", "0x4", "0x5", "0x6", "0x7",
            "CLOSE", "PING", "PONG", "0xB", "0xC", "0xD", "0xE", "0xF"};
        for (int opcode = 0; opcode < 16; opcode++) {
            assertEquals(opcode >= 8, OpCode.isControl(opcode), "isControl " + opcode);
            assertEquals(known.contains(opcode), OpCode.isKnown(opcode), "isKnown " + opcode);
            assertEquals(names[opcode], OpCode.name(opcode));
        }
    }

    @Test
    void constants() {
        assertEquals(0, OpCode.CONTINUATION);
        assertEquals(1, OpCode.TEXT);
        assertEquals(2, OpCode.BINARY);
        assertEquals(8, OpCode.CLOSE);
        assertEquals(9, OpCode.PING);
        assertEquals(10, OpCode.PONG);
    }
}
