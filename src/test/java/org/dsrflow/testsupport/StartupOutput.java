package org.dsrflow.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * What an application printed on standard output while it started, up to and including what it
 * prints once ready (the start-up report). A test class that shares its context with the classes
 * before it (see {@link ContextGroups}) no longer sees the start happen, so it reads it here:
 * {@code StartupOutput.of(context)}. A Spring Boot run listener (META-INF/spring.factories), last in
 * line, so that the report printed on ApplicationReadyEvent is in.
 */
public final class StartupOutput implements SpringApplicationRunListener, Ordered {

    private static final Map<ApplicationContext, String> PRINTED = Collections.synchronizedMap(new WeakHashMap<>());

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    public StartupOutput(SpringApplication application, String[] args) {
    }

    /** Everything the application of {@code context} printed on standard output from its start until it was ready. */
    public static String of(ApplicationContext context) {
        String printed = PRINTED.get(context);
        if (printed == null) {
            throw new IllegalStateException("no start-up output recorded for " + context);
        }
        return printed;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    }

    @Override
    public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
        PRINTED.put(context, stop());
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        stop();
    }

    private synchronized String stop() {
        if (original != null) {
            System.out.flush();
            System.setOut(original);
            original = null;
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Writes to the console as before and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                console.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
            try {
                console.write(bytes, offset, length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            console.flush();
        }
    }
}
