package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.itests.support.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code -sl} reaches a running server: by signal where the JVM allows, else by the local control channel. */
class SignalsTest extends DistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void reopenReloadAndQuitThroughThePidFile() throws Exception {
        Path pid = dialtone.home.resolve("signals.pid");
        Path log = dialtone.home.resolve("signals.log");
        Dialtone.Running server = dialtone.launch("-a", "127.0.0.1", "-p", "-1", "-P", pid.toString(), "-l", log.toString());
        awaitInFile(log, "Server is ready");
        assertTrue(server.lines.isEmpty() || server.lines.stream().noneMatch(l -> l.contains("[INF]")),
                "with -l the log goes to the file");

        Path rotated = dialtone.home.resolve("signals.log.1");
        Files.move(log, rotated);
        assertEquals(0, dialtone.run("-sl", "reopen=" + pid).exitCode());
        awaitInFile(log, "File log re-opened");

        assertEquals(0, dialtone.run("-sl", "reload=" + pid).exitCode());
        awaitInFile(log, "Failed to reload server configuration");

        assertEquals(0, dialtone.run("-sl", "quit=" + pid).exitCode());
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, server.process.exitValue());
        awaitInFile(log, "Server Exiting..");
    }

    @Test
    void lameDuckGoesThroughTheControlChannel() throws Exception {
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1");
        assertEquals(0, dialtone.run("-sl", "ldm=" + server.process.pid()).exitCode());
        server.awaitLine("Entering lame duck mode", WAIT);
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, server.process.exitValue());
    }

    /**
     * SIGUSR2 is nats-server's lame-duck signal, sent directly by tools and orchestration hooks: both servers enter
     * lame-duck mode with the same log line and exit 0, and Dialtone's JVM leaves no crash file.
     */
    @Test
    void sigusr2IsLameDuckModeAsForNatsServer() throws Exception {
        Path crashes = Files.createTempDirectory("dialtone-usr2");
        for (String name : new String[] {"dialtone", "nats-server"}) {
            Path log = crashes.resolve(name + ".log");
            List<String> cmd = name.equals("dialtone")
                    ? List.of(dialtone.home.resolve("bin/dialtone").toString(), "-a", "127.0.0.1", "-p", "-1")
                    : List.of(ServerUnderTest.natsServerBinary(), "-a", "127.0.0.1", "-p", "-1");
            Process p = new ProcessBuilder(cmd).directory(crashes.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                awaitInFile(log, "Server is ready");
                assertEquals(0, new ProcessBuilder("kill", "-USR2", Long.toString(p.pid())).start().waitFor());
                awaitInFile(log, "Entering lame duck mode");
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " exits after lame-duck mode");
                assertEquals(0, p.exitValue(), name + ": " + Files.readString(log));
            } finally {
                p.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.list(crashes)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("hs_err"))
                    .toList(), "no JVM crash file");
        }
    }

    @Test
    void lameDuckTellsProtocolOneClientsThenLetsThemGo() throws Exception {
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1");
        int port = server.clientPort();
        Files.writeString(dialtone.home.resolve("deploy/io.dialtone.server.config"),
                "lame_duck_duration=\"1500ms\"\nlame_duck_grace_period=\"500ms\"\n");
        server.awaitLine("lame_duck_duration=1500ms", WAIT);
        try (RawClient client = RawClient.connect(port)) {
            client.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\n").roundTrip();
            assertEquals(0, dialtone.run("-sl", "ldm=" + server.process.pid()).exitCode());
            String line = client.readLine();
            while (line.equals("PING")) {
                client.send("PONG\r\n");
                line = client.readLine();
            }
            assertTrue(line.startsWith("INFO {") && line.contains("\"ldm\":true"), line);
            assertFalse(Nats.accepts("127.0.0.1", port), "no new clients in lame-duck mode");
            assertEquals(-1, client.socket().getInputStream().read(), "the client is let go after the grace period");
        }
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, server.process.exitValue());
        server.awaitLine("Entering lame duck mode", WAIT);
    }

    @Test
    void termByPid() throws Exception {
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1");
        assertEquals(0, dialtone.run("-sl", "term=" + server.process.pid()).exitCode());
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, server.process.exitValue());
    }

    private static void awaitInFile(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            assertTrue(System.nanoTime() < deadline, "no \"" + text + "\" in " + file + " within " + WAIT);
            Thread.sleep(20); // polling interval
        }
    }
}
