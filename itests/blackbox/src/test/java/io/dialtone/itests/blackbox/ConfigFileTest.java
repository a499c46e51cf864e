package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** nats-server configuration files: -t, -c, flags over the file, live reload. */
class ConfigFileTest extends DistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dialtone.home.resolve(name), text);
    }

    @Test
    void checkAcceptsAValidFileAndNamesWhatIsWrongInAnInvalidOne() throws Exception {
        Path good = write("good.conf", "port: 4333\nserver_name: \"x\"\nmax_payload: 2MB\nping_interval: \"1m\"\n");
        Dialtone.Finished ok = dialtone.run("-t", "-c", good.toString());
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals("dialtone: configuration file good.conf is valid\n", ok.stdout());

        Path unknown = write("unknown.conf", "port: 4333\nmax_payload: 2MB\nfoo: 1\n");
        Dialtone.Finished bad = dialtone.run("-t", "-c", unknown.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("unknown.conf:3:1: unknown field \"foo\""), bad.stderr());

        Path broken = write("broken.conf", "port: 4333\ncluster {\n  port: 1\n");
        Dialtone.Finished syntax = dialtone.run("-t", "-c", broken.toString());
        assertEquals(1, syntax.exitCode());
        assertTrue(syntax.stderr().startsWith("dialtone: "), syntax.stderr());

        Dialtone.Finished noFile = dialtone.run("-t");
        assertEquals(1, noFile.exitCode());
        assertTrue(noFile.stderr().contains("must specify [-c, --config] option"), noFile.stderr());
    }

    @Test
    void dashTAgreesWithNatsServerOnWhatIsValid() throws Exception {
        String natsServer = ServerUnderTest.natsServerBinary();
        List<String> files = List.of(
                "port: 4333\nmax_payload: 2MB\n",
                "listen: 127.0.0.1:4333\nserver_name: a\nmax_connections: 10\nwrite_deadline: \"5s\"\n",
                "VAR = 3\nping_max: $VAR\nping_interval: \"2m\"\nlame_duck_duration: \"30s\"\n",
                "port: 4333\nfoo: 1\n",
                "ping_interval: 120\n",
                "port: 4333\ncluster {\n  port: 1\n",
                "port: [1, 2\n");
        for (int i = 0; i < files.size(); i++) {
            Path f = write("diff" + i + ".conf", files.get(i));
            Process p = new ProcessBuilder(natsServer, "-t", "-c", f.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            Dialtone.Finished d = dialtone.run("-t", "-c", f.toString());
            assertEquals(p.exitValue() == 0, d.exitCode() == 0, "acceptance of " + files.get(i) + d.stderr());
        }
    }

    @Test
    void theFileConfiguresTheServerFlagsOverrideItAndReloadAppliesChangesLive() throws Exception {
        int filePort = Nats.freePort();
        Path conf = write("server.conf", "listen: 127.0.0.1:" + filePort + "\nserver_name: fromfile\nmax_payload: 2KB\n");
        Dialtone.Running server = dialtone.start("-c", conf.toString(), "-n", "fromflag");
        assertEquals(filePort, server.clientPort(), "the port comes from the file");
        try (RawClient first = RawClient.connect(filePort)) {
            awaitInfo(filePort, "\"max_payload\":2048");
            assertTrue(first.info.contains("\"server_name\":\"fromflag\""), "-n overrides the file: " + first.info);
            first.send("CONNECT {\"verbose\":false}\r\n").roundTrip();

            Files.writeString(conf, "listen: 127.0.0.1:" + filePort + "\nserver_name: fromfile\nmax_payload: 4KB\n");
            assertEquals(0, dialtone.run("-sl", "reload=" + server.process.pid()).exitCode());
            server.awaitLine("Reloaded server configuration", WAIT);
            awaitInfo(filePort, "\"max_payload\":4096");
            assertEquals("", first.roundTrip(), "a connection open across the reload is untouched");

            Files.writeString(conf, "listen: 127.0.0.1:" + (filePort + 1) + "\nmax_payload: 8KB\n");
            assertEquals(0, dialtone.run("-sl", "reload=" + server.process.pid()).exitCode());
            String refused = server.awaitLine("config reload not supported for port", WAIT);
            assertTrue(refused.contains("[ERR]"), refused);
            awaitInfo(filePort, "\"max_payload\":4096");
        }
        assertEquals(0, server.terminate());
    }

    /**
     * The launcher binds the client port before the framework starts, so a client can be accepted before the file's
     * configuration is in Config Admin: even the very first INFO must carry the file's limits.
     */
    @Test
    void theVeryFirstClientSeesTheFilesLimits() throws Exception {
        int port = Nats.freePort();
        Path conf = write("early.conf", "listen: 127.0.0.1:" + port + "\nmax_payload: 2KB\n");
        Dialtone.Running server = dialtone.launch("-c", conf.toString());
        try {
            RawClient[] first = new RawClient[1];
            io.dialtone.itests.support.Await.until("the port accepts", WAIT, () -> {
                try {
                    first[0] = RawClient.connect(port);
                    return true;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            try (RawClient c = first[0]) {
                assertTrue(c.info.contains("\"max_payload\":2048"), c.info);
            }
        } finally {
            server.terminate();
        }
    }

    @Test
    void aServerWithABadFileDoesNotStart() throws Exception {
        Path conf = write("bad.conf", "port: 4333\njetstream: enabled\n");
        Dialtone.Finished f = dialtone.run("-c", conf.toString());
        assertNotEquals(0, f.exitCode());
        assertTrue(f.stderr().contains("bad.conf:2:1: field \"jetstream\" is not supported by Dialtone yet"),
                f.stderr());
    }

    /** New clients see {@code expected} in their INFO (configuration applies asynchronously). */
    private static void awaitInfo(int port, String expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String info = "";
        while (System.nanoTime() < deadline) {
            info = Nats.greeting(port);
            if (info.contains(expected)) {
                return;
            }
            Thread.sleep(50); // polling interval
        }
        throw new AssertionError("no INFO with " + expected + " within " + WAIT + "; last: " + info);
    }
}
