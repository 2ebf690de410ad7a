package dev.duplex.transport;

/** Completion of one {@link Transport#write}. Exactly one of the two methods is called, once. */
public interface WriteCallback {

    /** Every byte was handed to the network. */
    void completed();

    /** The write failed; the transport is unusable. */
    void failed(Throwable failure);
}
