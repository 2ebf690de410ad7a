package dev.duplex.coder;

/** The four kinds of encoder and decoder (spec §4.1.1–4.1.2): text or binary, whole or streamed. */
public enum CoderKind {
    TEXT, TEXT_STREAM, BINARY, BINARY_STREAM;

    public boolean isText() {
        return this == TEXT || this == TEXT_STREAM;
    }
}
