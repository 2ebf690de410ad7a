package dev.duplex.servlet.conformance;

/**
 * How the raw client hands its bytes to TCP. Every conformance case runs in both modes, so the server's parser
 * must give the same answer whether a frame arrives whole or one byte per TCP segment.
 */
enum SplitMode {
    /** All bytes of one send in a single {@code write}. */
    WHOLE,
    /** One {@code write} + {@code flush} per byte, with TCP_NODELAY on: each byte travels in its own segment. */
    ONE_BYTE_WRITES
}
