package io.dialtone.itests.blackbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private copy of the assembled distribution, and the bin/dialtone processes started from it. Each test class gets
 * its own copy, so its deploy/ folder and bundle cache are its own.
 */
final class Dialtone implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on ([^\\s]+):(\\d+)");

    final Path home;
    private final List<Running> running = new ArrayList<>();

    private Dialtone(Path home) {
        this.home = home;
    }

    /** Copies the distribution into a fresh temporary folder. */
    static Dialtone copy() throws IOException {
        Path dist = Path.of(System.getProperty("dialtone.dist", "../../distribution/target/dialtone"));
        if (!Files.isExecutable(dist.resolve("bin/dialtone"))) {
            throw new IllegalStateException("no distribution at " + dist.toAbsolutePath() + ": build it first");
        }
        Path home = Files.createTempDirectory("dialtone-dist");
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = dist.relativize(p);
                if (rel.startsWith("cache")) {
                    continue;
                }
                Path to = home.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(home.resolve("deploy"));
        return new Dialtone(home);
    }

    /** Runs bin/dialtone to completion (for --help, --version and friends). */
    Finished run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dialtone " + String.join(" ", args) + " did not finish");
        }
        return new Finished(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Starts a server and waits for "Server is ready". */
    Running start(String... args) throws IOException, InterruptedException {
        Running r = new Running(new ProcessBuilder(command(args)).start());
        running.add(r);
        r.awaitLine("Server is ready", START);
        return r;
    }

    /** Starts a server without waiting for anything. */
    Running launch(String... args) throws IOException {
        Running r = new Running(new ProcessBuilder(command(args)).start());
        running.add(r);
        return r;
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/dialtone").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    public void close() throws IOException {
        for (Running r : running) {
            r.process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    record Finished(int exitCode, String stdout, String stderr) {
    }

    /** A running server: its stderr lines are collected as they arrive. */
    static final class Running {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> stdout = new CopyOnWriteArrayList<>();
        private final Thread errPump;

        Running(Process process) {
            this.process = process;
            errPump = pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), lines);
            pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout);
        }

        private static Thread pump(BufferedReader in, List<String> into) {
            Thread t = new Thread(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        into.add(line);
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            }, "dialtone-output");
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** The first collected line containing {@code text}, waiting for it up to {@code timeout}. */
        String awaitLine(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (String l : lines) {
                    if (l.contains(text)) {
                        return l;
                    }
                }
                if (!process.isAlive()) {
                    errPump.join(5_000); // the process is gone: take in the last of its output, then decide
                }
                if (!process.isAlive() && lines.stream().noneMatch(l -> l.contains(text))) {
                    throw new AssertionError("dialtone exited (" + process.exitValue() + ") before logging \"" + text
                            + "\":\n" + String.join("\n", lines));
                }
                Thread.sleep(10); // polling interval; the condition decides
            }
            throw new AssertionError("no log line \"" + text + "\" within " + timeout + ":\n" + String.join("\n", lines));
        }

        /** The client port the server logged. */
        int clientPort() throws InterruptedException {
            Matcher m = LISTENING.matcher(awaitLine("Listening for client connections on", START));
            if (!m.find()) {
                throw new AssertionError("no port in the listening line");
            }
            return Integer.parseInt(m.group(2));
        }

        /** SIGTERM, then the exit code. */
        int terminate() throws InterruptedException {
            // Process.destroy() would also close our ends of its pipes and lose the last log lines
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dialtone did not exit within 30s of SIGTERM");
            }
            return process.exitValue();
        }

        String log() {
            return String.join("\n", lines);
        }
    }
}
