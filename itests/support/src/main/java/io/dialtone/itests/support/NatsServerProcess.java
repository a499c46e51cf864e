package io.dialtone.itests.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference nats-server as a child process on a free client port (it reports the port through its ports file),
 * for differential tests and as a peer of Dialtone's routes. Callers decide what a missing binary means (skip, or
 * fail where CI requires it).
 */
public final class NatsServerProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private NatsServerProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The nats-server binary on the PATH (or in the usual system directories), or null. */
    public static String binary() {
        for (String d : (System.getenv("PATH") + File.pathSeparator + "/usr/sbin:/usr/local/bin:/usr/bin")
                .split(File.pathSeparator)) {
            File f = new File(d, "nats-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Starts {@code binary -a 127.0.0.1 -p -1 <flags>} and waits (30 s at most) until it listens. */
    public static NatsServerProcess start(String binary, String... flags) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nats-server");
        Path portsDir = Files.createDirectories(dir.resolve("ports"));
        List<String> cmd = new ArrayList<>(List.of(binary, "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir",
                portsDir.toString()));
        cmd.addAll(List.of(flags));
        Path log = dir.resolve("log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path ports = portsDir.resolve("nats-server_" + p.pid() + ".ports");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(ports) || Files.size(ports) == 0) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("nats-server did not start: " + Files.readString(log));
            }
            Thread.sleep(10); // polling interval
        }
        String json = Files.readString(ports);
        return new NatsServerProcess(p, dir, Integer.parseInt(json.replaceAll("(?s).*\"nats\"\\s*:\\s*\\[\\s*\"(?:nats|tls)://[^\"]*:(\\d+)\".*",
                "$1")));
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** What the server logged so far. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("log"));
    }

    @Override
    public void close() throws Exception {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
