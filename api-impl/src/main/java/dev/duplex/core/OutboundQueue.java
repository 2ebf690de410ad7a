package dev.duplex.core;

import dev.duplex.frame.FrameWriter;
import dev.duplex.frame.OpCode;
import dev.duplex.transport.Transport;
import dev.duplex.transport.WriteCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Frames outbound messages and writes them in order through the transport, one write outstanding at a time
 * (DESIGN.md §3 rules 3, 4 and 6).
 *
 * <pre>
 *   send*(...) --frame--> [control] ---+
 *                         [pending] ---+--> batch of buffers --> Transport.write --> callbacks, next batch
 *   whole message during a partial --> [held] --(last part queued)--> [pending]
 * </pre>
 *
 * <ul>
 *   <li>Sends from any thread never throw for overlap: whole messages queue in order.</li>
 *   <li>A partial message owns the data lane until its last part: whole messages sent meanwhile wait in
 *       {@code held}. Ping and pong jump ahead of queued data (between frames, never inside one).</li>
 *   <li>Queued bytes are bounded: {@link #hasRoom} / {@link #awaitRoom} let callers refuse or wait.</li>
 *   <li>Completion callbacks run outside the lock, and never recursively: a callback that sends again only
 *       enqueues, and the running drain loop writes it.</li>
 * </ul>
 * Threads: every method may be called from any thread; only {@link #awaitRoom} blocks. The lock is this object
 * (package-private; only its connection holds it).
 */
final class OutboundQueue {

    private static final int SMALL_FRAME = 4096;
    private static final int MAX_GATHER_BUFFERS = 32;
    private static final long MAX_GATHER_BYTES = 256 * 1024;
    /** While batching, data goes out once this much has gathered, or on flush. */
    private static final long BATCH_BYTES = 64 * 1024;

    private final Transport transport;
    private final boolean mask;
    private final IntSupplier maskKeys;
    private final long limitBytes;
    // Small to start with (it grows on demand): most connections have at most a message or two queued.
    private final ArrayDeque<Item> pending = new ArrayDeque<>(3);
    // Created on first use, under the lock (an idle connection should hold little): most connections never send
    // a ping or pong, nor a whole message during a partial one. Null means empty.
    private ArrayDeque<Item> control;
    private ArrayDeque<Item> held;
    private long queuedBytes;
    private boolean writing;
    private boolean partialOpen;
    private boolean closeQueued;
    private boolean batching;
    private boolean flushRequested;
    private Throwable failure;
    private Thread drainer;
    private Runnable afterClose;
    /** Threads in {@link #awaitRoom}; guarded by the lock. */
    private int roomWaiters;

    OutboundQueue(Transport transport, boolean mask, IntSupplier maskKeys, long limitBytes) {
        this.transport = transport;
        this.mask = mask;
        this.maskKeys = maskKeys;
        this.limitBytes = limitBytes;
    }

    /** True when {@code bytes} more fit in the budget; an empty queue always takes one message. */
    boolean hasRoom(long bytes) {
        synchronized (this) {
            return queuedBytes == 0 || queuedBytes + bytes <= limitBytes;
        }
    }

    long queuedBytes() {
        synchronized (this) {
            return queuedBytes;
        }
    }


    /** Waits until {@code bytes} fit; false on timeout (timeoutMillis <= 0 waits without limit). */
    boolean awaitRoom(long bytes, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            roomWaiters++;
            try {
                while (failure == null && !(queuedBytes == 0 || queuedBytes + bytes <= limitBytes)) {
                    if (timeoutMillis <= 0) {
                        wait();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                }
                return true;
            } finally {
                roomWaiters--;
            }
        }
    }

    /** A whole data message: one frame. */
    void sendMessage(int opcode, int rsv, ByteBuffer payload, SendCallback callback) {
        enqueue(frame(true, rsv, opcode, payload, callback), Lane.DATA);
    }

    /** A whole data message framed beforehand (never masked: the same bytes may go to many connections). */
    void sendFrame(ByteBuffer frame, SendCallback callback) {
        if (mask) {
            throw new IllegalStateException("a client connection masks each frame: prepared frames are server-side");
        }
        enqueue(new Item(new ByteBuffer[] {frame}, frame.remaining(), callback), Lane.DATA);
    }

    void setBatching(boolean on) {
        synchronized (this) {
            batching = on;
        }
        if (!on) {
            flush();
        }
    }

    void flush() {
        synchronized (this) {
            flushRequested = true;
        }
        drain();
    }

    /** One part of a partial message; the first part carries the opcode, the rest are continuations. */
    void sendPart(boolean text, int rsv, ByteBuffer payload, boolean last, SendCallback callback) {
        Item item;
        Throwable refused;
        synchronized (this) {
            int opcode = partialOpen ? OpCode.CONTINUATION : (text ? OpCode.TEXT : OpCode.BINARY);
            item = frame(last, partialOpen ? 0 : rsv, opcode, payload, callback);
            refused = refusal(false);
            if (refused == null) {
                partialOpen = !last;
                queuedBytes += item.bytes;
                pending.add(item);
                if (last && held != null) {
                    pending.addAll(held);
                    held = null;
                }
            }
        }
        if (refused != null) {
            callback.failed(refused);
            return;
        }
        drain();
    }

    /** Ping or pong: ahead of queued data. */
    void sendControl(int opcode, ByteBuffer payload, SendCallback callback) {
        enqueue(frame(true, 0, opcode, payload, callback), Lane.CONTROL);
    }

    /**
     * The close frame: after everything already queued; messages held behind an unfinished partial message fail.
     * {@code afterWritten} runs once the close frame is on the wire (or the queue failed).
     */
    void sendClose(ByteBuffer payload, Runnable afterWritten) {
        List<Item> dropped;
        synchronized (this) {
            if (closeQueued) {
                return;
            }
            closeQueued = true;
            afterClose = afterWritten;
            dropped = held == null ? List.of() : new ArrayList<>(held);
            held = null;
            for (Item d : dropped) {
                queuedBytes -= d.bytes;
            }
        }
        IOException closed = new IOException("the session closed before this message could be sent");
        for (Item d : dropped) {
            d.callback.failed(closed);
        }
        Item item = frame(true, 0, OpCode.CLOSE, payload, SendCallback.NONE);
        item.close = true;
        enqueue(item, Lane.PENDING);
    }

    /** Fails every queued send; later sends fail at once. */
    void fail(Throwable cause) {
        List<Item> dropped = new ArrayList<>();
        Runnable closeHook;
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            if (control != null) {
                dropped.addAll(control);
            }
            dropped.addAll(pending);
            if (held != null) {
                dropped.addAll(held);
            }
            control = null;
            pending.clear();
            held = null;
            queuedBytes = 0;
            closeHook = afterClose;
            afterClose = null;
            notifyAll();
        }
        for (Item d : dropped) {
            d.callback.failed(cause);
        }
        if (closeHook != null) {
            closeHook.run();
        }
    }

    private Item frame(boolean fin, int rsv, int opcode, ByteBuffer payload, SendCallback callback) {
        int length = payload.remaining();
        int key = mask ? maskKeys.getAsInt() : 0;
        ByteBuffer[] buffers;
        if (mask || length <= SMALL_FRAME) {
            buffers = new ByteBuffer[] {FrameWriter.encode(fin, rsv, opcode, payload, mask, key)};
        } else {
            ByteBuffer header = ByteBuffer.allocate(FrameWriter.headerLength(length, false));
            FrameWriter.writeHeader(header, fin, rsv, opcode, length, false, 0);
            header.flip();
            buffers = new ByteBuffer[] {header, payload.duplicate()};
        }
        long bytes = 0;
        for (ByteBuffer b : buffers) {
            bytes += b.remaining();
        }
        return new Item(buffers, bytes, callback);
    }

    /** Where {@link #enqueue} puts an item. */
    private enum Lane {
        /** Ping and pong: ahead of queued data. */
        CONTROL,
        /** After everything queued (the close frame). */
        PENDING,
        /** A whole data message: held behind an unfinished partial one, else pending; joins a batch. */
        DATA
    }

    /** Queues the item on its lane. */
    private void enqueue(Item item, Lane lane) {
        Throwable refused;
        SendCallback acceptedIntoBatch = null;
        synchronized (this) {
            refused = refusal(item.close);
            if (refused == null) {
                queuedBytes += item.bytes;
                queue(lane).add(item);
                if (batching && lane == Lane.DATA) {
                    acceptedIntoBatch = item.callback;
                    item.callback = SendCallback.NONE;
                }
            }
        }
        if (refused != null) {
            item.callback.failed(refused);
            return;
        }
        if (acceptedIntoBatch != null) {
            acceptedIntoBatch.completed();
        }
        drain();
    }

    /** Under the lock: the queue of {@code lane}, created on first use. */
    private ArrayDeque<Item> queue(Lane lane) {
        if (lane == Lane.CONTROL) {
            if (control == null) {
                control = new ArrayDeque<>(1);
            }
            return control;
        }
        if (lane == Lane.DATA && partialOpen) {
            if (held == null) {
                held = new ArrayDeque<>(1);
            }
            return held;
        }
        return pending;
    }

    /** Under the lock: true when no ping or pong waits. */
    private boolean noControl() {
        return control == null || control.isEmpty();
    }

    /** Under the lock: why a new item cannot be queued, or null. Nothing but the close frame follows it. */
    private Throwable refusal(boolean isClose) {
        if (failure != null) {
            return failure;
        }
        if (closeQueued && !isClose) {
            return new IOException("the session is closing: nothing more can be sent");
        }
        return null;
    }

    /** Writes batches until the queue is empty or a write is in flight; re-entrant calls just return. */
    private void drain() {
        synchronized (this) {
            if (drainer == Thread.currentThread()) {
                return;
            }
        }
        for (;;) {
            Batch batch;
            synchronized (this) {
                if (writing || failure != null || (noControl() && pending.isEmpty())) {
                    return;
                }
                if (batching && noControl() && !flushRequested && !closeQueued && queuedBytes < BATCH_BYTES) {
                    return;
                }
                writing = true;
                batch = takeBatch();
                if (pending.isEmpty()) {
                    flushRequested = false;
                }
                drainer = Thread.currentThread();
            }
            try {
                transport.write(batch.buffers(), batch);
                synchronized (this) {
                    batch.synchronous = false;
                    if (!batch.done) {
                        return;
                    }
                }
                batch.finish();
            } finally {
                synchronized (this) {
                    if (drainer == Thread.currentThread()) {
                        drainer = null;
                    }
                }
            }
        }
    }

    private Batch takeBatch() {
        Batch batch = new Batch();
        long bytes = 0;
        int buffers = 0;
        while (buffers < MAX_GATHER_BUFFERS && bytes < MAX_GATHER_BYTES) {
            Item next;
            if (noControl()) {
                next = pending.poll();
            } else {
                next = control.poll();
                if (control.isEmpty()) {
                    control = null; // most connections send pongs rarely: hold nothing between them
                }
            }
            if (next == null) {
                break;
            }
            batch.add(next);
            bytes += next.bytes;
            buffers += next.buffers.length;
            if (next.close) {
                break;
            }
        }
        batch.bytes = bytes;
        return batch;
    }

    private static final class Item {
        final ByteBuffer[] buffers;
        final long bytes;
        SendCallback callback;
        boolean close;

        Item(ByteBuffer[] buffers, long bytes, SendCallback callback) {
            this.buffers = buffers;
            this.bytes = bytes;
            this.callback = callback;
        }
    }

    /** One transport write; its own completion callback. */
    private final class Batch implements WriteCallback {
        /** The first item, and the others when there are more (most batches hold one small message). */
        private Item first;
        private List<Item> rest;
        long bytes;
        boolean synchronous = true;
        boolean done;
        Throwable error;

        void add(Item item) {
            if (first == null) {
                first = item;
            } else {
                if (rest == null) {
                    rest = new ArrayList<>(4);
                }
                rest.add(item);
            }
        }

        ByteBuffer[] buffers() {
            if (rest == null) {
                return first.buffers;
            }
            int count = first.buffers.length;
            for (Item item : rest) {
                count += item.buffers.length;
            }
            ByteBuffer[] all = new ByteBuffer[count];
            System.arraycopy(first.buffers, 0, all, 0, first.buffers.length);
            int at = first.buffers.length;
            for (Item item : rest) {
                System.arraycopy(item.buffers, 0, all, at, item.buffers.length);
                at += item.buffers.length;
            }
            return all;
        }

        @Override
        public void completed() {
            complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            complete(cause);
        }

        private void complete(Throwable cause) {
            synchronized (OutboundQueue.this) {
                writing = false;
                queuedBytes -= bytes;
                done = true;
                error = cause;
                if (roomWaiters > 0) {
                    OutboundQueue.this.notifyAll(); // only a blocked sender waits here; most writes have none to wake
                }
                if (synchronous) {
                    return;
                }
            }
            finish();
            drain();
        }

        /** Runs the items' callbacks, outside the lock. */
        void finish() {
            Runnable closeHook = settle(first, null);
            if (rest != null) {
                for (Item item : rest) {
                    closeHook = settle(item, closeHook);
                }
            }
            if (error != null) {
                fail(error);
            }
            if (closeHook != null) {
                closeHook.run();
            }
        }

        /** Completes or fails one item's callback; returns the close hook to run once all are settled. */
        private Runnable settle(Item item, Runnable closeHook) {
            if (error == null) {
                item.callback.completed();
            } else {
                item.callback.failed(error);
            }
            if (item.close) {
                synchronized (OutboundQueue.this) {
                    Runnable hook = afterClose;
                    afterClose = null;
                    return hook;
                }
            }
            return closeHook;
        }
    }
}
