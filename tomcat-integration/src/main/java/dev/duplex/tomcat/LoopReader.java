package dev.duplex.tomcat;

import dev.duplex.transport.ReadBuffers;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.apache.tomcat.util.net.NioChannel;

/**
 * Reads one {@link TomcatTransport}'s plain NIO socket on a {@link TomcatReadLoop}: the socket stays registered on
 * the loop's selector (no trip through Tomcat's poller per message), and pausing drops the loop's read interest.
 * Each time the socket is readable, a turn reads until it holds no more, or {@value #READS_PER_TURN} reads. With
 * inline dispatch the callbacks run in the turn, and the replies of one turn leave together as it ends.
 *
 * <p>Threads: the loop's thread. Should the loop be taken from a thread held up in this connection's turn (a
 * callback blocks: {@link ReadLoopGroup}), that thread finishes the turn while another runs the loop: the right to
 * read ({@link #take}) keeps the two apart. The loop's new thread, finding the connection busy, stops watching its
 * socket; the held-up thread hands the connection back as its turn ends ({@link #handBack}), and the loop watches and
 * reads it again. {@link #pause} and {@link #resume} from any thread.
 */
final class LoopReader {

    /** Reads by a loop before it turns to its other connections (32 × 8 KiB). */
    static final int READS_PER_TURN = 32;

    private static final VarHandle READER;

    static {
        try {
            READER = MethodHandles.lookup().findVarHandle(LoopReader.class, "reader", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int FREE = 0;
    private static final int BUSY = 1;
    /** Busy on a thread the loop was taken from, and the loop stopped watching the socket meanwhile. */
    private static final int PARKED = 2;

    private final TomcatTransport transport;
    private final TomcatReadLoop loop;
    /** Whether callbacks run in the turn (inline dispatch). */
    private final boolean inline;
    /** Who may read ({@link #take}): {@link #FREE}, {@link #BUSY} or {@link #PARKED}. */
    private volatile int reader;
    /** The socket's registration on the loop's selector; null before and after. Written with the right to read. */
    private volatile SelectionKey key;
    // guarded by this object's monitor
    private boolean paused;
    /** Paused, and the loop's read interest dropped (written with the right to read). */
    private boolean loopPaused;

    LoopReader(TomcatTransport transport, TomcatReadLoop loop, boolean inline) {
        this.transport = transport;
        this.loop = loop;
        this.inline = inline;
    }

    TomcatReadLoop loop() {
        return loop;
    }

    TomcatTransport transport() {
        return transport;
    }

    /** The connection starts: the loop registers it. Any thread. */
    void start() {
        loop.execute(this::register);
    }

    void pause() {
        synchronized (this) {
            paused = true;
        }
    }

    void resume() {
        synchronized (this) {
            paused = false;
        }
        loop.executeIfRunning(this::loopResume);
    }

    /** Tomcat destroyed the handler: the socket leaves the loop's selector. Any thread. */
    void destroyed() {
        loop.executeIfRunning(this::releaseDestroyed);
    }

    /** On the loop's thread: the socket joins the loop's selector, and what Tomcat already holds is read. */
    private void register() {
        if (transport.readingOver() || key != null) {
            return;
        }
        if (!loop.takesRegistrations()) {
            transport.end(new IOException("the WebSocket container is stopping"));
            transport.closeWhenIdle();
            return;
        }
        SelectionKey k;
        try {
            SocketChannel channel = ((NioChannel) transport.socket().getSocket()).getIOChannel();
            k = loop.register(channel, this);
        } catch (IOException | RuntimeException e) { // the channel closed meanwhile
            transport.end(e instanceof IOException io ? io : new IOException(e));
            transport.closeWhenIdle();
            return;
        }
        key = k;
        loopRead(k);
    }

    /** On the loop's thread, when the socket (its {@code selected} key) is readable: a turn. */
    void loopRead(SelectionKey selected) {
        if (!take(selected)) {
            return;
        }
        try {
            turn();
        } catch (RuntimeException e) {
            loopFailed(e);
        } finally {
            handBack();
        }
    }

    /**
     * Takes the right to read: false while a thread that the loop was taken from still reads this connection, and
     * the loop's thread then stops watching its socket ({@link #PARKED}).
     */
    private boolean take(SelectionKey selected) {
        if (READER.compareAndSet(this, FREE, BUSY)) {
            return true;
        }
        try {
            selected.interestOps(0);
        } catch (CancelledKeyException e) {
            return false; // released meanwhile
        }
        if (READER.compareAndSet(this, BUSY, PARKED)) {
            return false;
        }
        // handed back meanwhile: the connection is the loop's after all, and it watches the socket again
        if (!READER.compareAndSet(this, FREE, BUSY)) {
            return false;
        }
        SelectionKey k = key;
        if (k != null && !loopPaused) {
            k.interestOps(SelectionKey.OP_READ);
        }
        return true;
    }

    /** Gives the right to read back; a held-up thread whose connection was parked asks the loop to look again. */
    private void handBack() {
        if ((int) READER.getAndSet(this, FREE) == PARKED) {
            loop.execute(this::revisit);
        }
    }

    /** On the loop's thread, once a held-up thread handed the connection back: it is watched and read again. */
    private void revisit() {
        resumeTurn(true);
    }

    /** On the loop's thread, when reading resumes: the loop reads again (and reads what Tomcat already holds). */
    private void loopResume() {
        resumeTurn(false);
    }

    /** Watches the socket again unless paused, and reads: after a pause ended, or ({@code always}) a hand-back. */
    private void resumeTurn(boolean always) {
        SelectionKey k = key;
        if (k == null || !take(k)) {
            return; // parked: the held-up thread's hand-back brings it back
        }
        try {
            synchronized (this) {
                if (key == null) {
                    return;
                }
                if (paused) {
                    loopPaused = true;
                    k.interestOps(0);
                    return;
                }
                if (!loopPaused && !always) {
                    return;
                }
                loopPaused = false;
            }
            k.interestOps(SelectionKey.OP_READ);
            turn();
        } catch (RuntimeException e) {
            loopFailed(e);
        } finally {
            handBack();
        }
    }

    /** A turn: reads until the socket holds no more, or a turn's worth; the right to read is this thread's. */
    private void turn() {
        SelectionKey k = key;
        if (k == null) {
            return;
        }
        loop.turnOf(this);
        byte[] buffer = ReadBuffers.take(); // per thread: one for the whole loop
        if (inline) {
            transport.holdReplies(); // replies of the turn's callbacks leave together as it ends
        }
        try {
            for (int i = 0; i < READS_PER_TURN; i++) {
                if (transport.readingOver()) {
                    release();
                    return;
                }
                synchronized (this) {
                    if (paused) {
                        loopPaused = true;
                        k.interestOps(0);
                        return;
                    }
                }
                int n = transport.socket().read(false, buffer, 0, buffer.length);
                if (n == 0) {
                    return;
                }
                if (n < 0) {
                    release();
                    transport.end(null);
                    return;
                }
                transport.received(ByteBuffer.wrap(buffer, 0, n));
                if (n < buffer.length && transport.drainedBy(n) || !loop.inLoop()) {
                    return; // the selector reports what arrives later; or the loop was taken from this thread
                }
            }
        } catch (IOException e) {
            release();
            transport.end(e);
        } finally {
            ReadBuffers.give(buffer);
            if (inline) {
                transport.repliesLeave();
            }
        }
    }

    /** The socket leaves the loop's selector (once); by the thread with the right to read. */
    private void release() {
        SelectionKey k = key;
        if (k != null) {
            key = null;
            loop.release(k);
        }
    }

    /** On the loop's thread, once Tomcat destroyed the handler: the socket leaves the loop's selector. */
    private void releaseDestroyed() {
        SelectionKey k = key;
        if (k == null || !take(k)) {
            return; // parked: the held-up thread's hand-back brings it back, and its turn finds it ended
        }
        try {
            release();
        } finally {
            handBack();
        }
    }

    /** The loop failed, or reading threw: the connection ends. On the loop's thread (or in a turn). */
    void loopFailed(Throwable failure) {
        release();
        transport.end(failure);
        transport.closeWhenIdle();
    }
}
