package org.dsrflow.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * What a benchmark phase spent: CPU seconds of the application, of PostgreSQL and of the
 * benchmark's own JVM (load clients and mail sink) from {@code /proc}, the machine's busy share,
 * and what the database's active sessions were waiting for, sampled from {@code pg_stat_activity}
 * every 100 ms. Linux only, like the machine the targets are set for.
 */
final class WhereTimeGoes implements AutoCloseable {

    private static final double TICKS = 100.0; // USER_HZ (getconf CLK_TCK) on Linux
    private final long app;
    private final LoadBenchmark.Db db;
    private final Map<String, Long> start;
    private final long[] machineStart;
    private final long started = System.nanoTime();
    private final Map<String, Integer> waits = new TreeMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread sampler;
    private int samples;
    private int activeTotal;

    WhereTimeGoes(long appPid, LoadBenchmark.Db db) throws IOException {
        this.app = appPid;
        this.db = db;
        this.start = cpu();
        this.machineStart = machine();
        this.sampler = new Thread(this::sample, "wait-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    private void sample() {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            while (!stop.get()) {
                try (var rs = statement.executeQuery("""
                        select coalesce(wait_event_type || ':' || wait_event, 'running on CPU') as what, count(*)
                        from pg_stat_activity
                        where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()
                        group by 1""")) {
                    synchronized (waits) {
                        samples++;
                        while (rs.next()) {
                            waits.merge(rs.getString(1), rs.getInt(2), Integer::sum);
                            activeTotal += rs.getInt(2);
                        }
                    }
                }
                AppNode.pause(100);
            }
        } catch (Exception e) {
            // the report then shows fewer samples; the phase itself is unaffected
        }
    }

    /** Stops sampling and writes the figures into {@code into}. */
    void report(ObjectNode into) throws IOException {
        close();
        double wall = (System.nanoTime() - started) / 1e9;
        Map<String, Long> end = cpu();
        long[] machineEnd = machine();
        ObjectNode cpu = into.putObject("cpuSeconds");
        for (String part : end.keySet()) {
            cpu.put(part, Math.round((end.get(part) - start.getOrDefault(part, 0L)) / TICKS * 10) / 10.0);
        }
        long busy = machineEnd[0] - machineStart[0];
        long total = machineEnd[1] - machineStart[1];
        long ours = 0;
        for (String part : end.keySet()) {
            ours += end.get(part) - start.getOrDefault(part, 0L);
        }
        // Anything else that ran on the machine meanwhile (another build, say): a figure to distrust when it is large.
        cpu.put("otherProcesses", Math.round(Math.max(0, busy - ours) / TICKS * 10) / 10.0);
        cpu.put("wallSeconds", Math.round(wall * 10) / 10.0);
        cpu.put("machineBusyPercent", total == 0 ? 0 : Math.round(1000.0 * busy / total) / 10.0);
        ObjectNode sessions = into.putObject("databaseSessions");
        synchronized (waits) {
            sessions.put("samples", samples);
            sessions.put("averageActive", samples == 0 ? 0 : Math.round(100.0 * activeTotal / samples) / 100.0);
            ObjectNode share = sessions.putObject("shareOfActiveSessionSamples");
            waits.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                    .forEach(e -> share.put(e.getKey(), activeTotal == 0 ? 0 : Math.round(1000.0 * e.getValue() / activeTotal) / 10.0));
        }
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> cpu() throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("application", ticks(app));
        ticks.put("postgres", postgresTicks());
        ticks.put("benchmarkClientsAndMailSink", ticks(ProcessHandle.current().pid()));
        return ticks;
    }

    /** All processes named postgres: the server and its backends (the embedded one or a local one). */
    private static long postgresTicks() throws IOException {
        long sum = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        sum += ticks(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        }
        return sum;
    }

    /** utime + stime of a process, including its finished children (fields 14-17 of /proc/pid/stat). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: field 3 is state, so utime (14) is index 11
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** Busy and total ticks of the whole machine (first line of /proc/stat). */
    private static long[] machine() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }
}
