package dev.duplex.core;

/**
 * Completion of one outbound frame or message. Exactly one method runs, once, never while a lock of ours is held;
 * it runs on the thread that completed the write (the sender's thread or an I/O thread), so it must not block.
 */
public interface SendCallback {

    /** A callback for sends whose outcome nobody waits for. */
    SendCallback NONE = new SendCallback() {
        @Override
        public void completed() {
        }

        @Override
        public void failed(Throwable failure) {
        }
    };

    void completed();

    void failed(Throwable failure);
}
