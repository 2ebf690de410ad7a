package dev.duplex.core;

/** How the upper layer wants the message that is starting to be delivered; chosen once, at its first frame. */
public enum InboundMode {
    /** Assemble the whole message (up to the size limit), then deliver it in one call. */
    WHOLE,
    /** Deliver each frame (or limit-sized piece of a frame) as a part, with a flag on the last. */
    PARTIAL,
    /** Hand the application a Reader or InputStream at the first frame and feed it as frames arrive. */
    STREAM,
    /** Nobody handles this kind of message: validate and drop it. */
    DISCARD
}
