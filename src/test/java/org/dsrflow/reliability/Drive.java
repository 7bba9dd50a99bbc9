package org.dsrflow.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * How the benchmark drives a call ({@code call.apply(i)} makes submission i and says what came back):
 * closed loop, where each of a number of clients sends its next call when the last one was answered (a
 * saturated burst: the latency then is mostly queueing), or open loop, where calls go out on a fixed
 * schedule whatever the answers do, and a call's latency counts from its scheduled time (so a slow
 * answer also delays nothing it should not, and a backlog shows as latency, as users would see it).
 */
final class Drive {

    private Drive() {
    }

    /** {@code count} calls from {@code clients} threads, each sending its next when answered. */
    static List<Load.Outcome> closed(int count, int clients, IntFunction<Load.Outcome> call) throws InterruptedException {
        List<Load.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    outcomes.add(call.apply(i));
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("closed-loop calls not done after 30 minutes");
        }
        return List.copyOf(outcomes);
    }

    /**
     * {@code count} calls at {@code perSecond}, call i scheduled at {@code i / perSecond} seconds after the start;
     * each outcome's latency ({@code nanos}) is from its scheduled time to its answer, and {@code startedNanos} is the
     * scheduled time. Up to 256 calls are in flight; more wait (and their wait counts).
     */
    static List<Load.Outcome> open(int count, double perSecond, IntFunction<Load.Outcome> call) throws InterruptedException {
        List<Load.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(256);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < count; i++) {
            long scheduled = start + (long) (i * 1e9 / perSecond);
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            pool.execute(() -> {
                Load.Outcome answered = call.apply(index);
                long took = System.nanoTime() - scheduled;
                outcomes.add(new Load.Outcome(answered.email(), answered.status(), answered.body(), took / 1_000_000, scheduled, took));
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("open-loop calls not done after 30 minutes");
        }
        return List.copyOf(outcomes);
    }
}
