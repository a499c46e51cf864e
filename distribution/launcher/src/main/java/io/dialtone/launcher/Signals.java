package io.dialtone.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import sun.misc.Signal;

/**
 * nats-server's signals. A running server handles SIGTERM/SIGINT (graceful stop, exit 0), SIGHUP (reload), SIGUSR1
 * (reopen the log) and SIGUSR2 (lame-duck mode). A JVM without a handler for SIGUSR2 aborts on it (HotSpot's own
 * handler takes it for a thread suspension it did not ask for and writes an hs_err file), so the handler is installed
 * as the server's first step: tools and orchestration hooks send SIGUSR2 to nats-server directly. {@code -sl ldm}
 * goes through the {@link ControlChannel}.
 */
final class Signals {

    /** {@code -sl} command to the signal that carries it; {@code null} = the control channel. */
    private static final Map<String, String> COMMANDS = Map.of(
            "stop", "KILL", "quit", "INT", "term", "TERM", "reopen", "USR1", "reload", "HUP", "ldm", "");

    private Signals() {
    }

    static void install(Server server) {
        Signal.handle(new Signal("TERM"), s -> server.shutdown(0));
        Signal.handle(new Signal("INT"), s -> server.shutdown(0));
        Signal.handle(new Signal("HUP"), s -> server.reload());
        Signal.handle(new Signal("USR1"), s -> server.reopenLog());
        Signal.handle(new Signal("USR2"), s -> server.lameDuck());
    }

    /** {@code -sl <command>[=<pid or pid file>]}: reaches a running Dialtone. Returns the exit code. */
    static int send(String spec, PrintStream out, PrintStream err) {
        int eq = spec.indexOf('=');
        String command = eq < 0 ? spec : spec.substring(0, eq);
        String target = eq < 0 ? null : spec.substring(eq + 1);
        if (!COMMANDS.containsKey(command)) {
            err.println("dialtone: unknown signal \"" + command + "\"");
            return 1;
        }
        long pid;
        try {
            pid = resolvePid(target);
        } catch (IllegalStateException | IOException e) {
            err.println("dialtone: " + e.getMessage());
            return 1;
        }
        try {
            String signal = COMMANDS.get(command);
            if (signal.isEmpty()) {
                ControlChannel.send(pid, command);
            } else {
                kill(pid, signal);
            }
        } catch (IOException | InterruptedException e) {
            err.println("dialtone: could not send " + command + " to " + pid + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static long resolvePid(String target) throws IOException {
        if (target != null && !target.isEmpty()) {
            String text = target.chars().allMatch(Character::isDigit) ? target
                    : Files.readString(Path.of(target), StandardCharsets.UTF_8).trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("invalid pid: " + text);
            }
        }
        long self = ProcessHandle.current().pid();
        List<Long> running = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(c -> c.contains(Main.class.getName())).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
        if (running.isEmpty()) {
            throw new IllegalStateException("no dialtone process running");
        }
        if (running.size() > 1) {
            throw new IllegalStateException("multiple dialtone processes running:\n"
                    + running.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        }
        return running.get(0);
    }

    private static void kill(long pid, String signal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("kill exited with " + p.exitValue());
        }
    }
}
