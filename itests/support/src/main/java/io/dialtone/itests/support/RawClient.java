package io.dialtone.itests.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A NATS connection over a plain socket, for tests that need the bytes (or the lack of reading) under control. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The INFO line the server greeted with. */
    public final String info;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        this.info = Lines.read(in);
        if (!info.startsWith("INFO {")) {
            throw new IOException("not a NATS greeting: " + info);
        }
    }

    /** Connects and reads the greeting; {@code receiveBuffer} > 0 shrinks the socket's receive buffer first. */
    public static RawClient connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(30_000);
        return new RawClient(s);
    }

    public static RawClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** Sends protocol text as is. */
    public RawClient send(String protocol) throws IOException {
        out.write(protocol.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Sends raw bytes. */
    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        return this;
    }

    /** Sends PING and reads lines until its PONG (answering the server's own PINGs on the way); returns the rest. */
    public String roundTrip() throws IOException {
        send("PING\r\n");
        StringBuilder seen = new StringBuilder();
        for (String line = readOrFail(seen); ; line = readOrFail(seen)) {
            if (line.equals("PONG")) {
                return seen.toString();
            }
            if (line.equals("PING")) {
                send("PONG\r\n");
                continue;
            }
            seen.append(line).append('\n');
        }
    }

    /** The next line; the end of the stream (the server closed) fails, with what came before it. */
    private String readOrFail(StringBuilder seen) throws IOException {
        in.mark(1);
        if (in.read() == -1) {
            throw new java.io.EOFException("closed by the server before PONG, after: " + seen);
        }
        in.reset();
        return Lines.read(in);
    }

    /** Reads one line (without CRLF). */
    public String readLine() throws IOException {
        return Lines.read(in);
    }

    /** Reads exactly {@code n} bytes, or fewer if the server closes first; returns how many were read. */
    public long skip(long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long read = 0;
        while (read < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - read));
            if (r < 0) {
                break;
            }
            read += r;
        }
        return read;
    }

    /** Reads until the server closes the connection; returns the bytes read. */
    public long drainToEnd() throws IOException {
        return skip(Long.MAX_VALUE);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
