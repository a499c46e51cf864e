package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
