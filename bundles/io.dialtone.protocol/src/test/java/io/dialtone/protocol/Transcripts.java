package io.dialtone.protocol;

import java.nio.charset.StandardCharsets;

/** A valid client transcript using every operation and variant. */
final class Transcripts {

    private Transcripts() {
    }

    static String hpub(String subject, String reply, String headers, String payload) {
        return "HPUB " + subject + (reply.isEmpty() ? "" : " " + reply) + " " + headers.length() + " "
                + (headers.length() + payload.length()) + "\r\n" + headers + payload + "\r\n";
    }

    static final String ALL = "CONNECT {\"verbose\":false,\"headers\":true}\r\n"
            + "INFO {\"x\":1}\r\n"
            + "+OK\r\n"
            + "PING\r\n"
            + "pong\n"
            + "ping junk\r\n"
            + "PUB foo 5\r\nhello\r\n"
            + "PUB foo reply.1 0\r\n\r\n"
            + "pub\tfoo\t \treply 1\nx\r\n"
            + "PUB big " + 300 + "\r\n" + "0123456789".repeat(30) + "\r\n"
            + hpub("foo", "", "NATS/1.0\r\n\r\n", "hello")
            + hpub("foo", "rep", "NATS/1.0\r\nA: B\r\n\r\n", "x")
            + hpub("foo", "rep", "NATS/1.0\r\nA: B\r\n\r\n", "")
            + "HPUB foo 0 0\r\n\r\n"
            + "HMSG a b\r\n\r\n"
            + "SUB foo 1\r\n"
            + "sub foo q 2\n"
            + "SUB\tfoo\t\tq\t3\r\n"
            + "UNSUB 1\r\n"
            + "unsub 2 10\r\n"
            + "UNSUB 3 abc\r\n"
            + "CONNECT{}\n"
            + "-ERR 'bye'\r\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
