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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * The launcher binds the client socket before the framework boots and the transport takes it over; a host given
     * as a name, an IPv6 literal or either wildcard must be recognised as that socket, not bound a second time
     * ("Address already in use").
     */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "::1", "0.0.0.0", "::", "net: localhost"})
    void everyFormOfListenAddressServes(String host) throws Exception {
        Path conf = null;
        Dialtone.Running server;
        if (host.startsWith("net: ")) {
            conf = configFile("net", host, "port: -1");
            server = dialtone.start("-c", conf.toString());
        } else {
            server = dialtone.start("-a", host, "-p", "-1");
        }
        try {
            int port = server.clientPort();
            String loopback = host.contains("::1") ? "::1" : "127.0.0.1";
            try (java.net.Socket s = new java.net.Socket(loopback, port)) {
                s.setSoTimeout(10_000);
                String info = io.dialtone.itests.support.Lines.read(s.getInputStream());
                assertTrue(info.startsWith("INFO {"), host + ": " + info);
            }
            assertTrue(server.lines.stream().noneMatch(l -> l.contains("already in use") || l.contains("[ERR]")),
                    String.join("\n", server.lines));
            assertEquals(0, server.terminate());
        } finally {
            if (conf != null) {
                Files.delete(conf);
            }
        }
    }

    /** A port out of range stops both servers with nats-server's fatal line and exit code 1 (not a random port). */
    @ParameterizedTest
    @ValueSource(strings = {"-5", "70000"})
    void aPortOutOfRangeIsAFatalErrorAsForNatsServer(String port) throws Exception {
        String expected = "[FTL] Error listening on port: 0.0.0.0:" + port + ", \"listen tcp: address " + port
                + ": invalid port\"";
        Path conf = configFile("port", "port: " + port);
        try {
            bothStopWith(expected, "-c", conf.toString());
        } finally {
            Files.delete(conf);
        }
    }

    /** The monitoring port taken by another program: both servers stop with exit 1 and nats-server's fatal line. */
    @Test
    void aMonitorPortInUseIsAFatalErrorAsForNatsServer() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            String m = Integer.toString(taken.getLocalPort());
            String expected = "[FTL] Can't start monitoring: can't listen to the monitor port: listen tcp 127.0.0.1:" + m
                    + ": bind: address already in use";
            bothStopWith(expected, "-a", "127.0.0.1", "-p", "-1", "-m", m);
        }
    }

    /** Dialtone and nats-server, started with {@code flags}, both exit 1 having logged {@code expected}. */
    private static void bothStopWith(String expected, String... flags) throws Exception {
        for (String binary : List.of(dialtone.home.resolve("bin/dialtone").toString(),
                ServerUnderTest.natsServerBinary())) {
            List<String> cmd = new java.util.ArrayList<>(List.of(binary));
            cmd.addAll(List.of(flags));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), binary + " exits");
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains(expected), binary + ": " + out);
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
