package io.dialtone.itests.blackbox;

import io.dialtone.itests.support.Lines;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** Raw-socket helpers for the NATS wire. */
final class Nats {

    private Nats() {
    }

    /** Connects and returns the greeting line, without its CRLF. */
    static String greeting(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            return Lines.read(s.getInputStream());
        }
    }

    /** A port that was free a moment ago (for servers that cannot be asked for port 0). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Whether something accepts connections on the port. */
    static boolean accepts(String host, int port) {
        try (Socket s = new Socket(host, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
