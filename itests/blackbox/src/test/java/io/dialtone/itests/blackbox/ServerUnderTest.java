package io.dialtone.itests.blackbox;

import io.dialtone.itests.support.NatsServerProcess;
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

    /** What the server logged so far (for failure messages). */
    String log() throws Exception;

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
            public String log() {
                return String.join("\n", r.lines);
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
        NatsServerProcess p = NatsServerProcess.start(natsServerBinary(), flags);
        return new ServerUnderTest() {
            @Override
            public String name() {
                return "nats-server";
            }

            @Override
            public int port() {
                return p.port();
            }

            @Override
            public String log() throws Exception {
                return p.log();
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    /** The nats-server binary, or the test is skipped (failed where externals are required). */
    static String natsServerBinary() {
        String binary = NatsServerProcess.binary();
        if (binary != null) {
            return binary;
        }
        String message = "nats-server is not installed (apt-get install -y nats-server); differential tests need it";
        if (Boolean.parseBoolean(System.getenv("DIALTONE_REQUIRE_EXTERNALS"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }
}
