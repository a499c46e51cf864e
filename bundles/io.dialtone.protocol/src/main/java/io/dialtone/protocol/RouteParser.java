package io.dialtone.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the route protocol of one connection (nats-server 2.9.10's route.go / parser.go for a ROUTER
 * connection): {@code INFO CONNECT PING PONG +OK -ERR RS+ RS- RMSG HMSG}. Operation names are case-insensitive,
 * arguments are separated by blanks or tabs, lines end with CR LF (a bare LF is accepted, as nats-server does).
 *
 * <p>Line-oriented rather than a byte state machine: route traffic is server-to-server, few connections, so
 * clarity wins over the client parser's single-pass design. An operation split across reads is kept in a buffer
 * bounded by {@link #MAX_CONTROL_LINE} for a control line and by the message size, which is checked against
 * {@link #setMaxPayload} before anything is buffered. The first violation is reported once through
 * {@link RouteOps#onRouteProtocolError}; all later input is discarded.
 *
 * <p>One instance per connection; not thread-safe. {@link #close()} releases the buffer.
 */
public final class RouteParser implements AutoCloseable {

    /** The longest control line taken; RMSG lines list queue names, so this is above the client limit. */
    public static final int MAX_CONTROL_LINE = 64 * 1024;

    private final ByteBufAllocator alloc;
    private final ByteBuf[] args = new ByteBuf[64];
    /** Where each argument starts and ends in the buffer being parsed. */
    private final int[] argFrom = new int[64];
    private final int[] argTo = new int[64];
    private ByteBuf pending;
    private int maxPayload = 64 * 1024 * 1024;
    private boolean done;

    public RouteParser(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** The largest message a peer may send (a route carries what any client of the peer may publish). */
    public void setMaxPayload(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Decodes every complete operation in {@code in} (consumed entirely) plus what was kept from before. */
    public void parse(ByteBuf in, RouteOps ops) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        ByteBuf buf = in;
        if (pending != null) {
            pending.writeBytes(in);
            buf = pending;
        }
        while (buf.isReadable() && !done) {
            if (!next(buf, ops)) {
                break;
            }
        }
        if (done) { // a failure, or a callback closed the parser (which may have released the kept buffer already)
            if (pending != null) {
                pending.release();
                pending = null;
            }
            in.skipBytes(in.readableBytes());
            return;
        }
        if (buf == pending) {
            if (!pending.isReadable() || done) {
                pending.release();
                pending = null;
            } else {
                pending.discardReadBytes();
            }
        } else if (buf.isReadable() && !done) {
            pending = alloc.heapBuffer(Math.max(256, buf.readableBytes()));
            pending.writeBytes(buf);
        } else {
            buf.skipBytes(buf.readableBytes());
        }
    }

    /** One operation from the buffer; false when it is incomplete (nothing consumed). */
    private boolean next(ByteBuf buf, RouteOps ops) {
        int start = buf.readerIndex();
        int lf = buf.indexOf(start, buf.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (buf.readableBytes() > MAX_CONTROL_LINE) {
                fail(ops, "control line too long");
            }
            return false;
        }
        int end = lf > start && buf.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int n = split(buf, start, end);
        if (n < 0) {
            return fail(ops, "too many arguments");
        }
        if (n == 0) {
            buf.readerIndex(lf + 1);
            return true;
        }
        String op = args[0].toString(StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        switch (op) {
            case "RMSG":
            case "HMSG":
                return message(buf, lf, n, "HMSG".equals(op), ops);
            case "RS+":
                if (n != 3 && n != 5) {
                    return fail(ops, "bad RS+ arguments");
                }
                int weight = n == 5 ? parseSize(args[4]) : 1;
                if (weight < 0) {
                    return fail(ops, "bad RS+ queue weight");
                }
                buf.readerIndex(lf + 1);
                ops.onRemoteSub(args[1], args[2], n == 5 ? args[3] : Unpooled.EMPTY_BUFFER, weight);
                return true;
            case "RS-":
                if (n != 3 && n != 4) {
                    return fail(ops, "bad RS- arguments");
                }
                buf.readerIndex(lf + 1);
                ops.onRemoteUnsub(args[1], args[2], n == 4 ? args[3] : Unpooled.EMPTY_BUFFER);
                return true;
            case "PING":
                buf.readerIndex(lf + 1);
                ops.onPing();
                return true;
            case "PONG":
                buf.readerIndex(lf + 1);
                ops.onPong();
                return true;
            case "+OK":
                buf.readerIndex(lf + 1);
                return true;
            case "INFO":
            case "CONNECT":
            case "-ERR": {
                ByteBuf rest = trim(buf, argTo[0], end);
                buf.readerIndex(lf + 1);
                if ("INFO".equals(op)) {
                    ops.onRouteInfo(rest);
                } else if ("CONNECT".equals(op)) {
                    ops.onRouteConnect(rest);
                } else {
                    ops.onRouteErr(rest);
                }
                return true;
            }
            default:
                return fail(ops, "unknown route operation " + clip(op));
        }
    }

    /** RMSG/HMSG: the arguments, then the message once all of it has arrived. */
    private boolean message(ByteBuf buf, int lf, int n, boolean headers, RouteOps ops) {
        int sizes = headers ? 2 : 1;
        int middle = n - 3 - sizes; // between the subject and the size(s)
        if (middle < 0) {
            return fail(ops, "bad " + (headers ? "HMSG" : "RMSG") + " arguments");
        }
        ByteBuf reply = Unpooled.EMPTY_BUFFER;
        ByteBuf queues = Unpooled.EMPTY_BUFFER;
        if (middle == 1) {
            reply = args[3];
        } else if (middle > 1) {
            ByteBuf marker = args[3];
            boolean plus = marker.readableBytes() == 1 && marker.getByte(marker.readerIndex()) == '+';
            boolean bar = marker.readableBytes() == 1 && marker.getByte(marker.readerIndex()) == '|';
            if (plus) {
                reply = args[4];
            } else if (!bar) {
                return fail(ops, "bad RMSG queue marker");
            }
            int first = plus ? 5 : 4;
            int last = n - sizes - 1;
            if (first <= last) {
                queues = buf.slice(argFrom[first], argTo[last] - argFrom[first]);
            }
        }
        int total = parseSize(args[n - 1]);
        int headerSize = headers ? parseSize(args[n - 2]) : 0;
        if (total < 0 || headerSize < 0 || headerSize > total) {
            return fail(ops, "bad message size");
        }
        if (total > maxPayload) {
            return fail(ops, "message of " + total + " bytes above the limit of " + maxPayload);
        }
        int bodyStart = lf + 1;
        if (buf.writerIndex() - bodyStart < total + 2) {
            return false;
        }
        byte cr = buf.getByte(bodyStart + total);
        byte nl = buf.getByte(bodyStart + total + 1);
        if (cr != '\r' || nl != '\n') {
            return fail(ops, "message not followed by CR LF");
        }
        ByteBuf message = buf.slice(bodyStart, total);
        buf.readerIndex(bodyStart + total + 2);
        ops.onRouteMsg(args[1], args[2], reply, queues, headerSize, message);
        return true;
    }

    /** Splits [from, to) at blanks and tabs into {@link #args}; returns the count, or -1 when there are too many. */
    private int split(ByteBuf buf, int from, int to) {
        int n = 0;
        int i = from;
        while (i < to) {
            while (i < to && isBlank(buf.getByte(i))) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int s = i;
            while (i < to && !isBlank(buf.getByte(i))) {
                i++;
            }
            if (n == args.length) {
                return -1;
            }
            args[n] = buf.slice(s, i - s);
            argFrom[n] = s;
            argTo[n] = i;
            n++;
            if (n == 1 && isFreeForm(buf, s, i)) {
                break; // INFO/CONNECT/-ERR take the rest of the line as one argument
            }
        }
        return n;
    }

    private static boolean isFreeForm(ByteBuf buf, int from, int to) {
        String op = buf.toString(from, to - from, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        return op.equals("INFO") || op.equals("CONNECT") || op.equals("-ERR");
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static ByteBuf trim(ByteBuf buf, int from, int to) {
        while (from < to && isBlank(buf.getByte(from))) {
            from++;
        }
        while (to > from && isBlank(buf.getByte(to - 1))) {
            to--;
        }
        return buf.slice(from, to - from);
    }

    /** A decimal of 1..9 digits, or -1. */
    private static int parseSize(ByteBuf b) {
        int len = b.readableBytes();
        if (len == 0 || len > 9) {
            return -1;
        }
        int v = 0;
        for (int i = b.readerIndex(), e = i + len; i < e; i++) {
            byte c = b.getByte(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String clip(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }

    private boolean fail(RouteOps ops, String why) {
        done = true;
        ops.onRouteProtocolError(why);
        return false;
    }

    @Override
    public void close() {
        done = true;
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
