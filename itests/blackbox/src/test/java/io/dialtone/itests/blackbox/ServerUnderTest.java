package io.dialtone.itests.blackbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A NATS server a test talks to: Dialtone (from the assembled distribution) or the reference nats-server, started the
 * same way, on an ephemeral loopback port, and stopped with SIGTERM. Differential tests run the same scenario against
 * both.
 */
interface ServerUnderTest extends AutoCloseable {

    /** "dialtone" or "nats-server". */
    String name();

    /** The client port. */
    int port();

    /** {@code nats://127.0.0.1:<port>}. */
    default String url() {
        return "nats://127.0.0.1:" + port();
    }

    /** Stops the server (SIGTERM) and waits for it to exit. */
    @Override
    void close() throws Exception;

    /** Starts Dialtone from {@code dist} with extra nats-server flags. */
    static ServerUnderTest dialtone(Dialtone dist, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", "-1"));
        args.addAll(List.of(flags));
        Dialtone.Running r = dist.start(args.toArray(String[]::new));
        int port = r.clientPort();
        return new ServerUnderTest() {
            @Override
            public String name() {
                return "dialtone";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() throws Exception {
                r.terminate();
            }
        };
    }

    /**
     * Starts the reference nats-server with extra flags. Where it is not installed the test is skipped with a clear
     * message, unless DIALTONE_REQUIRE_EXTERNALS=true (as in CI, which installs it): then it fails.
     */
    static ServerUnderTest natsServer(String... flags) throws Exception {
        String binary = natsServerBinary();
        Path logDir = Files.createTempDirectory("nats-server");
        Path portsDir = Files.createDirectories(logDir.resolve("ports"));
        List<String> cmd = new ArrayList<>(List.of(binary, "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir",
                portsDir.toString()));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logDir.resolve("log").toFile())
                .start();
        Path ports = portsDir.resolve("nats-server_" + p.pid() + ".ports");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(ports) || Files.size(ports) == 0) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("nats-server did not start: " + Files.readString(logDir.resolve("log")));
            }
            Thread.sleep(10); // polling interval
        }
        String json = Files.readString(ports);
        int port = Integer.parseInt(json.replaceAll("(?s).*(?:nats|tls)://[^:]+:(\\d+).*", "$1"));
        return new ServerUnderTest() {
            @Override
            public String name() {
                return "nats-server";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() throws Exception {
                p.toHandle().destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                try (var files = Files.walk(logDir)) {
                    files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
                }
            }
        };
    }

    /** The nats-server binary, or the test is skipped (failed where externals are required). */
    static String natsServerBinary() throws IOException {
        for (String dir : (System.getenv("PATH") + File.pathSeparator + "/usr/sbin:/usr/local/bin:/usr/bin")
                .split(File.pathSeparator)) {
            File f = new File(dir, "nats-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        String message = "nats-server is not installed (apt-get install -y nats-server); differential tests need it";
        if (Boolean.parseBoolean(System.getenv("DIALTONE_REQUIRE_EXTERNALS"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }
}
