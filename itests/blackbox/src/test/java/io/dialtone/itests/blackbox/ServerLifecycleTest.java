package io.dialtone.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up, greeting, files and graceful stop of the assembled server. */
class ServerLifecycleTest extends DistributionTest {

    private static final String LINE = "\\[\\d+\\] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} \\[(INF|DBG|TRC|WRN|ERR|FTL)\\] .*";


    @Test
    void startsGreetsWritesItsFilesAndStopsCleanlyOnSigterm() throws Exception {
        Path pid = dialtone.home.resolve("dialtone.pid");
        Path portsDir = Files.createDirectories(dialtone.home.resolve("ports"));
        Dialtone.Running server = dialtone.start("-a", "127.0.0.1", "-p", "-1", "-n", "lifecycle", "-P", pid.toString(),
                "--ports_file_dir", portsDir.toString());
        int port = server.clientPort();

        String info = Nats.greeting(port);
        assertTrue(info.startsWith("INFO {"), info);
        assertTrue(info.contains("\"server_name\":\"lifecycle\""), info);
        assertTrue(info.contains("\"version\":\"2.9.10\""), info);
        assertTrue(info.contains("\"proto\":1"), info);
        assertTrue(info.contains("\"host\":\"127.0.0.1\",\"port\":" + port + ","), info);

        // nats-server's log format and start-up lines, in order
        List<String> lines = server.lines;
        for (String l : lines) {
            assertTrue(l.matches(LINE), "not a nats-server log line: " + l);
        }
        String log = server.log();
        int starting = log.indexOf("[INF] Starting nats-server");
        int version = log.indexOf("[INF]   Version:  2.9.10");
        int listening = log.indexOf("[INF] Listening for client connections on 127.0.0.1:" + port);
        int ready = log.indexOf("[INF] Server is ready");
        assertTrue(starting >= 0 && starting < version && version < listening && listening < ready, log);
        assertTrue(log.contains("Dialtone: "), "the log names Dialtone and its version");
        assertTrue(server.stdout.isEmpty(), "a running server prints nothing on stdout: " + server.stdout);

        long processId = server.process.pid();
        assertEquals(Long.toString(processId), Files.readString(pid).trim());
        Path portsFile = portsDir.resolve("dialtone_" + processId + ".ports");
        assertEquals("{\"client\":[\"nats://127.0.0.1:" + port + "\"]}", Files.readString(portsFile));

        assertEquals(0, server.terminate());
        server.awaitLine("Server Exiting..", Duration.ofSeconds(5));
        assertFalse(Files.exists(portsFile), "the ports file is removed on shutdown");
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free at once
        }
    }

    @Test
    void aPortInUseIsAFatalError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Dialtone.Running server = dialtone.launch("-a", "127.0.0.1", "-p", Integer.toString(taken.getLocalPort()));
            assertTrue(server.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, server.process.exitValue());
            server.awaitLine("[FTL] Error listening on port: 127.0.0.1:" + taken.getLocalPort(), Duration.ofSeconds(5));
        }
    }

    @Test
    void aClientThatConnectsDuringStartUpIsGreetedOnceTheBrokerIsReady() throws Exception {
        int port = Nats.freePort();
        Dialtone.Running server = dialtone.launch("-a", "127.0.0.1", "-p", Integer.toString(port));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Nats.accepts("127.0.0.1", port)) {
            assertTrue(System.nanoTime() < deadline, "port never accepted");
            Thread.sleep(5); // polling interval
        }
        // accepted before "Server is ready" was (necessarily) logged: the greeting still arrives
        assertTrue(Nats.greeting(port).startsWith("INFO {"));
        server.awaitLine("Server is ready", Dialtone.START);
        assertEquals(0, server.terminate());
    }
}
