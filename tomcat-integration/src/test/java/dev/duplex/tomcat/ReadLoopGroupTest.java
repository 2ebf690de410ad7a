package dev.duplex.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watch of the read loops tells a loop thread that waits (here: asleep in the kernel, in a socket accept) from
 * one that runs (here: spinning), which it must leave alone however long its pass: on a busy server a pass may be
 * stretched by waiting for a processor. One look may catch a running thread parked by the JVM for a moment (a
 * safepoint), so the watch asks for two in a row. Linux only ({@code /proc}).
 */
class ReadLoopGroupTest {

    @Test
    void aThreadAsleepInTheKernelWaitsAndASpinningOneDoesNot() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "no /proc/thread-self here");
        CompletableFuture<Integer> acceptingTid = new CompletableFuture<>();
        CompletableFuture<Integer> spinningTid = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                acceptingTid.complete(ReadLoopGroup.currentTid());
                try {
                    server.accept(); // never connected to: ends when the socket closes
                } catch (java.io.IOException expected) {
                    // closed by the test
                }
            });
            Thread spinning = new Thread(() -> {
                spinningTid.complete(ReadLoopGroup.currentTid());
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
            });
            accepting.start();
            spinning.start();
            try {
                int accept = acceptingTid.get(5, TimeUnit.SECONDS);
                int spin = spinningTid.get(5, TimeUnit.SECONDS);
                assertTrue(accept > 0 && spin > 0, "thread ids " + accept + ", " + spin);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!ReadLoopGroup.sleepsInKernel(accept) && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // until the thread has reached accept()
                }
                // Sampled 100 times, 1 ms apart: the blocked thread sleeps at every look; the spinning one may be
                // caught at a safepoint (the JVM parks it for a moment), but runs at most looks.
                int asleep = 0;
                int spinningAsleep = 0;
                for (int i = 0; i < 100; i++) {
                    asleep += ReadLoopGroup.sleepsInKernel(accept) ? 1 : 0;
                    spinningAsleep += ReadLoopGroup.sleepsInKernel(spin) ? 1 : 0;
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // the sampling interval
                }
                assertEquals(100, asleep, "looks at which the thread in accept() slept in the kernel");
                assertTrue(spinningAsleep < 50, "a spinning thread slept in the kernel at " + spinningAsleep
                        + " looks of 100");
                assertFalse(ReadLoopGroup.sleepsInKernel(0), "an unknown thread");
            } finally {
                spinning.interrupt();
                server.close();
                accepting.join(5_000);
                spinning.join(5_000);
            }
        }
    }
}
