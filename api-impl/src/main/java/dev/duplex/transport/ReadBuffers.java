package dev.duplex.transport;

/**
 * Read buffers that belong to threads, not connections, for transports whose listener consumes every read before
 * the call returns ({@link TransportListener#onRead}): an idle connection then holds no read buffer at all.
 *
 * <p>A thread takes its buffer for one read callback and gives it back at the end; a nested read on the same thread
 * (for another connection) finds the slot empty and gets a buffer of its own. The thread-local holds JDK types
 * only, so no class of ours stays reachable from a container's pooled threads after the application stops.
 *
 * <p>Threads: any; each thread uses its own slot.
 */
public final class ReadBuffers {

    /** The size of every buffer handed out. */
    public static final int SIZE = 8192;

    private static final ThreadLocal<byte[][]> SLOTS = new ThreadLocal<>();

    private ReadBuffers() {
    }

    /** The calling thread's buffer, or a new one when it is in use (a nested read). */
    public static byte[] take() {
        byte[][] slot = SLOTS.get();
        if (slot == null) {
            slot = new byte[1][];
            SLOTS.set(slot);
        }
        byte[] buffer = slot[0];
        if (buffer == null) {
            return new byte[SIZE];
        }
        slot[0] = null;
        return buffer;
    }

    /** Returns a buffer from {@link #take()} to the calling thread, once the read that used it has ended. */
    public static void give(byte[] buffer) {
        byte[][] slot = SLOTS.get();
        if (slot != null && slot[0] == null) {
            slot[0] = buffer;
        }
    }
}
