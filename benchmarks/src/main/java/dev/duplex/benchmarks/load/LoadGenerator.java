package dev.duplex.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: one thread, one NIO selector, hand-written handshake and masked frames (nothing of Duplex),
 * so it is neutral to every server. Opens the scenario's connections (at most {@value #MAX_PENDING} handshakes at a
 * time), then drives the scenario (see {@link Scenario}): warm-up, a measured period, then it stops sending and
 * waits for what is still in flight. Every byte of every echo is checked against what was sent. Callers are told
 * through {@link Listener} when the measured period starts and ends (to read server CPU time) and, in IDLE mode,
 * while the connections are held (to read server memory). Blocks its caller until done; bounded in time.
 *
 * <pre>java -cp duplex-benchmarks.jar dev.duplex.benchmarks.load.LoadGenerator PORT MODE CONNECTIONS INFLIGHT
 *     SIZE text|binary WARMUP_S SECONDS</pre>
 */
public final class LoadGenerator {

    /** Called on the generator's thread. */
    public interface Listener {
        default void measureStarted() {
        }

        default void measureEnded() {
        }

        /** IDLE mode: every connection is open and has echoed once; they stay open until this returns. */
        default void idleHeld(int connections) {
        }
    }

    static final int MAX_PENDING = 200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);

    final Scenario scenario;
    final ClientFrames frames;
    final Result result;
    private final InetSocketAddress address;
    private final Listener listener;
    private final List<ClientConnection> connections = new ArrayList<>();
    private Selector selector;
    private int opened;
    private int connecting;
    private long warmEnd = Long.MAX_VALUE;
    private long measureEnd = Long.MAX_VALUE;
    private boolean sending;
    private long outstanding;
    // BROADCAST: the current broadcast's number, send time and how many sessions have it
    private long broadcastSeq = -1;
    private long broadcastSentAt;
    private int broadcastReceived;
    private long cpuAtStart;
    private long wallAtStart;

    private LoadGenerator(Scenario scenario, InetSocketAddress address, Listener listener) {
        this.scenario = scenario;
        this.frames = new ClientFrames(scenario.size(), scenario.binary());
        this.result = new Result(scenario);
        this.address = address;
        this.listener = listener;
    }

    public static Result run(Scenario scenario, String host, int port, Listener listener) throws IOException {
        LoadGenerator generator = new LoadGenerator(scenario, new InetSocketAddress(host, port), listener);
        try (Selector selector = Selector.open()) {
            generator.selector = selector;
            generator.drive();
        } finally {
            generator.closeAll();
        }
        return generator.result;
    }

    private void drive() throws IOException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
        while (opened < scenario.connections()) {
            while (connecting < MAX_PENDING && connections.size() < scenario.connections()) {
                connect();
            }
            poll(deadline, "opening connections (" + opened + " of " + scenario.connections() + " open)");
            if (result.errors > 0) {
                return;
            }
        }
        switch (scenario.mode()) {
            case IDLE -> idle();
            case ECHO, BROADCAST -> load();
        }
    }

    private void idle() throws IOException {
        for (ClientConnection c : connections) {
            outstanding++;
            c.send(0);
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS * 4;
        while (outstanding > 0 && result.errors == 0) {
            poll(deadline, "waiting for the idle connections' first echo (" + outstanding + " missing)");
        }
        if (result.errors == 0) {
            listener.idleHeld(connections.size());
        }
    }

    private void load() throws IOException {
        if (scenario.mode() == Scenario.Mode.BROADCAST) {
            // the client may see the 101 before the server has run onOpen and listed the session: let it settle
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < settle && result.errors == 0) {
                poll(settle + DRAIN_TIMEOUT_NANOS, "settling");
            }
        }
        long start = System.nanoTime();
        warmEnd = start + TimeUnit.SECONDS.toNanos(scenario.warmupSeconds());
        measureEnd = warmEnd + TimeUnit.SECONDS.toNanos(scenario.seconds());
        sending = true;
        if (scenario.mode() == Scenario.Mode.BROADCAST) {
            nextBroadcast();
        } else {
            for (ClientConnection c : connections) {
                outstanding += scenario.inFlight();
                c.sendFirst(scenario.inFlight());
            }
        }
        boolean measuring = false;
        long hardEnd = measureEnd + DRAIN_TIMEOUT_NANOS;
        while (result.errors == 0) {
            long now = System.nanoTime();
            if (!measuring && now >= warmEnd) {
                measuring = true;
                cpuAtStart = THREADS.getCurrentThreadCpuTime();
                wallAtStart = now;
                listener.measureStarted();
            }
            if (sending && now >= measureEnd) {
                sending = false;
                if (measuring) {
                    long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
                    result.clientCpuShare = cpu / (double) (now - wallAtStart);
                }
                listener.measureEnded();
            }
            if (!sending && outstanding == 0) {
                break;
            }
            poll(sending ? measureEnd + DRAIN_TIMEOUT_NANOS : hardEnd,
                    "waiting for " + outstanding + " messages in flight");
        }
        result.seconds = scenario.seconds();
    }

    private void connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ClientConnection c = new ClientConnection(this, connections.size(), channel);
        connections.add(c);
        connecting++;
        c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
        if (channel.connect(address)) {
            c.connected();
        }
    }

    private void poll(long deadline, String what) throws IOException {
        long now = System.nanoTime();
        if (now > deadline) {
            result.error("timed out " + what);
            return;
        }
        selector.select(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
        for (SelectionKey key : selector.selectedKeys()) {
            ClientConnection c = (ClientConnection) key.attachment();
            try {
                if (key.isValid() && key.isConnectable()) {
                    if (c.channel.finishConnect()) {
                        c.connected();
                    }
                }
                if (key.isValid() && key.isWritable()) {
                    c.flush();
                }
                if (key.isValid() && key.isReadable()) {
                    c.read();
                }
            } catch (IOException e) {
                result.error("connection " + c.id + ": " + e);
                key.cancel();
            }
        }
        selector.selectedKeys().clear();
    }

    // --- called by ClientConnection ---

    void handshakeDone() {
        connecting--;
        opened++;
    }

    /** The sequence number connection {@code c}'s next received message must carry. */
    long expectedSeq(ClientConnection c) {
        long owner = scenario.mode() == Scenario.Mode.BROADCAST ? 0 : c.id;
        return owner << 32 | c.received;
    }

    /** A whole message arrived on {@code c} and matched; {@code sentAt} is its send time (ECHO). */
    void messageDone(ClientConnection c, long sentAt) throws IOException {
        result.verified++;
        long now = System.nanoTime();
        if (scenario.mode() == Scenario.Mode.BROADCAST) {
            if (++broadcastReceived == connections.size()) {
                outstanding--;
                record(now, broadcastSentAt);
                if (sending) {
                    nextBroadcast();
                }
            }
            return;
        }
        outstanding--;
        if (scenario.mode() == Scenario.Mode.ECHO) {
            record(now, sentAt);
            if (sending) {
                outstanding++;
                c.send(now);
            }
        }
    }

    private void record(long now, long sentAt) {
        if (now >= warmEnd && now < measureEnd) {
            result.messages++;
            result.latencyMicros.recordValue(Math.max(1, (now - sentAt) / 1000));
        }
    }

    private void nextBroadcast() throws IOException {
        broadcastSeq++;
        broadcastReceived = 0;
        broadcastSentAt = System.nanoTime();
        outstanding++;
        connections.get(0).sendBroadcast(broadcastSeq);
    }

    private void closeAll() {
        for (ClientConnection c : connections) {
            c.close();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 8) {
            System.err.println("usage: LoadGenerator PORT ECHO|BROADCAST|IDLE CONNECTIONS INFLIGHT SIZE "
                    + "text|binary WARMUP_S SECONDS");
            System.exit(2);
        }
        Scenario scenario = new Scenario("cli", Scenario.Mode.valueOf(args[1].toUpperCase()),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                args[5].equals("binary"), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        Result result = run(scenario, "127.0.0.1", Integer.parseInt(args[0]), new Listener() {
            @Override
            public void idleHeld(int connections) {
                System.out.println(connections + " connections open and verified; holding them for "
                        + scenario.seconds() + " s (e.g. for jmap -histo:live on the server)");
                System.out.flush();
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(scenario.seconds()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        result.server = "127.0.0.1:" + args[0];
        System.out.println(result);
        System.exit(result.errors == 0 ? 0 : 1);
    }
}
