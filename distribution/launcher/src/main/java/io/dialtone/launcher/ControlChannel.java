package io.dialtone.launcher;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A local-only command channel for what no signal can carry: a Unix domain socket beside the temp files, readable by
 * the owner only, taking one command per connection ({@code ldm}, {@code reload}, {@code reopen}).
 */
final class ControlChannel {

    private final ServerSocketChannel channel;
    private final Path path;

    private ControlChannel(ServerSocketChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    static Path pathFor(long pid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "dialtone-" + pid + ".ctl");
    }

    static ControlChannel open(Server server) throws IOException {
        Path path = pathFor(ProcessHandle.current().pid());
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        ControlChannel control = new ControlChannel(ch, path);
        Thread t = new Thread(() -> control.serve(server), "dialtone-control");
        t.setDaemon(true);
        t.start();
        return control;
    }

    private void serve(Server server) {
        while (channel.isOpen()) {
            try (SocketChannel c = channel.accept()) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                while (buf.hasRemaining() && c.read(buf) > 0 && buf.get(buf.position() - 1) != '\n') {
                    // read one short line
                }
                String command = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
                switch (command) {
                    case "ldm":
                        server.lameDuck();
                        break;
                    case "reload":
                        server.reload();
                        break;
                    case "reopen":
                        server.reopenLog();
                        break;
                    default:
                        Log.warn("Unknown control command \"" + command + "\"");
                }
            } catch (IOException e) {
                if (channel.isOpen()) {
                    Log.debug("Control channel: " + e.getMessage());
                }
            }
        }
    }

    void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void send(long pid, String command) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(pathFor(pid)))) {
            c.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
