package dev.duplex.tck.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes that the Linux kernel holds for one loopback TCP connection, from {@code /proc/net/tcp[6]}: the client
 * socket's send queue ({@code tx_queue}: written by the client, not yet acknowledged by the server's kernel) and the
 * server socket's receive queue ({@code rx_queue}: received, not yet read by the server process). What a client
 * has written minus these minus what the application received is what the server process holds in user space.
 * Both ends must be in this network namespace (they are: loopback). Stateless.
 */
final class KernelQueues {

    /** IPv4 sockets, and IPv6 ones (Java's sockets are dual-stack: 127.0.0.1 shows as ::ffff:127.0.0.1). */
    private static final List<Path> PROC = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    /** client tx_queue + server rx_queue, in bytes. */
    record Queued(long clientSend, long serverReceive) {
        long total() {
            return clientSend + serverReceive;
        }
    }

    private KernelQueues() {
    }

    static boolean available() {
        return Files.isReadable(PROC.get(0));
    }

    /**
     * The queues of the connection between local port {@code clientPort} and {@code serverPort}.
     *
     * @throws IOException if either socket is not listed
     */
    static Queued of(int clientPort, int serverPort) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        for (Path table : PROC) {
            if (Files.isReadable(table)) {
                List<String> all = Files.readAllLines(table);
                lines.addAll(all.subList(1, all.size()));
            }
        }
        long clientTx = -1;
        long serverRx = -1;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            int local = port(f[1]);
            int remote = port(f[2]);
            String[] queues = f[4].split(":");
            if (local == clientPort && remote == serverPort) {
                clientTx = Long.parseLong(queues[0], 16);
            } else if (local == serverPort && remote == clientPort) {
                serverRx = Long.parseLong(queues[1], 16);
            }
        }
        if (clientTx < 0 || serverRx < 0) {
            throw new IOException("connection " + clientPort + " -> " + serverPort + " not found in " + PROC);
        }
        return new Queued(clientTx, serverRx);
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
