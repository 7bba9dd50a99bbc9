package org.dsrflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Where the suite's wall time goes: when each test class started and ended (seconds since the run began)
 * and on which thread, written to {@code target/test-timeline.tsv} at the end of the run ({@code test-timeline-FirstLane.tsv}
 * and {@code -SecondLane.tsv} for the two JVMs of {@link Lanes}). The class times
 * surefire prints overlap when the two lanes run side by side; this shows the lanes. Registered through
 * {@code META-INF/services}.
 */
public final class TestTimeline implements TestExecutionListener {

    private final List<String> lines = new ArrayList<>();
    private final java.util.Map<String, long[]> open = new java.util.concurrent.ConcurrentHashMap<>();
    private long began;
    /** The lane suite this JVM runs, if any (its file name). */
    private volatile String lane;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        began = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (isClass(identifier)) {
            String name = ((ClassSource) identifier.getSource().orElseThrow()).getJavaClass().getSimpleName();
            if (name.equals(FirstLane.class.getSimpleName()) || name.equals(SecondLane.class.getSimpleName())) {
                lane = name;
            }
            open.put(identifier.getUniqueId(), new long[] {System.nanoTime()});
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        long[] start = open.remove(identifier.getUniqueId());
        if (start != null) {
            synchronized (lines) {
                lines.add(String.format(java.util.Locale.ROOT, "%.1f\t%.1f\t%.1f\t%s\t%s", seconds(start[0]), seconds(System.nanoTime()),
                        (System.nanoTime() - start[0]) / 1e9, Thread.currentThread().getName(),
                        ((ClassSource) identifier.getSource().orElseThrow()).getClassName()));
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return;
        }
        try {
            List<String> out = new ArrayList<>();
            out.add("start\tend\tseconds\tthread\tclass");
            synchronized (lines) {
                out.addAll(lines);
            }
            Files.write(target.resolve(lane == null ? "test-timeline.tsv" : "test-timeline-" + lane + ".tsv"), out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double seconds(long nanos) {
        return (nanos - began) / 1e9;
    }

    private static boolean isClass(TestIdentifier identifier) {
        return identifier.getSource().filter(ClassSource.class::isInstance).isPresent() && identifier.isContainer();
    }
}
