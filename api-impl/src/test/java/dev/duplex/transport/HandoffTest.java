package dev.duplex.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Handoff} between a one-thread event loop and a real pool. */
class HandoffTest {

    private final ScheduledExecutorService loopThread = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger wakes = new AtomicInteger();

    /** The pool, counting the threads it is asked for. */
    private void pool(Runnable task) {
        wakes.incrementAndGet();
        threads.execute(task);
    }

    private final Handoff.Loop loop = new Handoff.Loop() {
        @Override
        public void afterEvents(Runnable task) {
            loopThread.execute(task); // after the loop task running now: the end of its "pass"
        }

        @Override
        public void after(Runnable task, long millis) {
            loopThread.schedule(task, millis, TimeUnit.MILLISECONDS);
        }
    };

    @AfterEach
    void stop() {
        loopThread.shutdownNow();
        threads.shutdownNow();
    }

    /** A task that notes its thread, then blocks until {@code awaited} opens, and then opens {@code saw}. */
    private static Runnable waitFor(AtomicReference<Thread> self, CountDownLatch awaited, CountDownLatch saw) {
        return () -> {
            self.set(Thread.currentThread());
            try {
                if (awaited.await(20, TimeUnit.SECONDS)) {
                    saw.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void thePassOfTheLoopWakesOneThreadForAllItsTasksInOrder() throws Exception {
        Handoff handoff = new Handoff(this::pool, loop, 60_000, 1); // no stall, one processor
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<Thread> on = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1_000);
        loopThread.execute(() -> {
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                handoff.execute(() -> {
                    ran.add(n);
                    on.add(Thread.currentThread());
                    done.countDown();
                });
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS), "ran " + ran.size() + " of 1000");
        assertEquals(1, wakes.get(), "pool threads asked for");
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, ran.get(i));
        }
        assertEquals(1, on.stream().distinct().count(), "threads the tasks ran on");
    }

    @Test
    void aTaskThatBlocksDoesNotHoldUpTheTasksBehindIt() throws Exception {
        Handoff handoff = new Handoff(this::pool, loop);
        CountDownLatch secondRan = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        CountDownLatch firstSawSecond = new CountDownLatch(1);
        loopThread.execute(() -> {
            handoff.execute(waitFor(first, secondRan, firstSawSecond)); // waits for the task queued behind it
            handoff.execute(() -> {
                second.set(Thread.currentThread());
                secondRan.countDown();
            });
        });
        // No new events come from the loop: its timer alone must notice that nothing started.
        assertTrue(firstSawSecond.await(20, TimeUnit.SECONDS), "the second task never ran while the first blocked");
        assertNotEquals(first.get(), second.get());
    }

    /** The same, when the pool thread takes the blocking task before the loop looks at the queue again. */
    @Test
    void aTaskBehindOneTakenAtOnceIsStillWatched() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        Executor eager = task -> {
            threads.execute(task);
            try {
                assertTrue(firstStarted.await(10, TimeUnit.SECONDS), "the first task never started");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Handoff handoff = new Handoff(eager, loop);
        CountDownLatch secondRan = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        CountDownLatch firstSawSecond = new CountDownLatch(1);
        Runnable blocking = waitFor(first, secondRan, firstSawSecond);
        loopThread.execute(() -> {
            handoff.execute(() -> {
                firstStarted.countDown();
                blocking.run();
            });
            handoff.execute(secondRan::countDown);
        });
        assertTrue(firstSawSecond.await(20, TimeUnit.SECONDS), "the second task never ran while the first blocked");
    }

    @Test
    void everyTaskRunsOnceHoweverPassesAndLeavingThreadsInterleave() throws Exception {
        Handoff handoff = new Handoff(this::pool, loop);
        Random random = new Random(7);
        int passes = 3_000;
        int[] counts = new int[passes];
        int total = 0;
        for (int p = 0; p < passes; p++) {
            counts[p] = random.nextInt(4);
            total += counts[p];
        }
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch allRan = new CountDownLatch(total);
        Runnable task = () -> {
            ran.incrementAndGet();
            allRan.countDown();
        };
        for (int p = 0; p < passes; p++) {
            int count = counts[p];
            int spin = random.nextInt(2_000);
            loopThread.execute(() -> {
                for (int i = 0; i < count; i++) {
                    handoff.execute(task);
                }
                for (long end = System.nanoTime() + spin; System.nanoTime() < end; ) {
                    Thread.onSpinWait(); // a pass of some length, so that threads leave while tasks come
                }
            });
        }
        assertTrue(allRan.await(30, TimeUnit.SECONDS), ran.get() + " of " + total + " tasks ran");
        // a task run twice would show as a count over the total
        loopThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        assertEquals(total, ran.get(), "tasks run");
        assertTrue(wakes.get() < total, wakes.get() + " pool threads asked for " + total + " tasks");
    }

    @Test
    void aLongQueueIsSharedWithAnotherThreadWhenThereIsAProcessorForIt() throws Exception {
        Handoff handoff = new Handoff(this::pool, loop, 60_000, 2); // no stall: only the queue's length counts
        CountDownLatch anotherRan = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        CountDownLatch firstSawAnother = new CountDownLatch(1);
        loopThread.execute(() -> {
            handoff.execute(waitFor(first, anotherRan, firstSawAnother));
            for (int i = 0; i < 2 * Handoff.BACKLOG; i++) {
                handoff.execute(() -> {
                    if (Thread.currentThread() != first.get()) {
                        anotherRan.countDown();
                    }
                });
            }
        });
        assertTrue(firstSawAnother.await(20, TimeUnit.SECONDS), "the queue waited for the first thread");
        assertEquals(2, wakes.get(), "pool threads asked for");
    }

    @Test
    void aLoopThatIsStoppingHandsTheTaskOverAtOnce() throws Exception {
        Handoff.Loop stopping = new Handoff.Loop() {
            @Override
            public void afterEvents(Runnable task) {
                throw new RejectedExecutionException("stopping");
            }

            @Override
            public void after(Runnable task, long millis) {
                throw new RejectedExecutionException("stopping");
            }
        };
        Handoff handoff = new Handoff(this::pool, stopping);
        CountDownLatch ran = new CountDownLatch(1);
        handoff.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }
}
