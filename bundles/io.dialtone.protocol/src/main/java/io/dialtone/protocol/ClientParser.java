package io.dialtone.protocol;

import io.dialtone.protocol.internal.ArgSplitter;
import io.dialtone.protocol.internal.Ascii;
import io.dialtone.protocol.internal.ByteReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Decodes the client-to-server NATS protocol of one connection, byte for byte as nats-server
 * 2.9.10's {@code client.parse} does for a CLIENT connection.
 *
 * <p>An explicit state machine: {@link #parse} consumes every readable byte of its input and calls
 * {@link ClientOps} for each complete operation, keeping state across calls so an operation may be
 * split at any byte. Callback arguments are views of the input when the operation lies in one
 * read (a message's subject, reply and payload are three views made once per read and moved from
 * message to message, so a message costs no object); only an operation split across reads is copied, into an internal buffer bounded by
 * {@code maxControlLine + 2} bytes for a control line and {@code control line + payload size}
 * for a message. The first violation is reported once through {@link ClientOps#protocolError};
 * the parser then discards all further input.
 *
 * <p>One instance per connection; not thread-safe. Call {@link #close()} when the connection ends
 * to release the internal buffer.
 */
public final class ClientParser implements AutoCloseable {

    /** nats-server's default {@code max_control_line}. */
    public static final int DEFAULT_MAX_CONTROL_LINE = 4096;
    /** nats-server's default {@code max_payload}. */
    public static final int DEFAULT_MAX_PAYLOAD = 1048576;

    private static final int RETAIN_CAPACITY = 8192;
    private static final int INITIAL_CAPACITY = 256;

    // States. Operation names are matched one byte at a time, as in parser.go.
    private static final int START = 0;
    private static final int OP_C = 1;
    private static final int OP_CO = 2;
    private static final int OP_CON = 3;
    private static final int OP_CONN = 4;
    private static final int OP_CONNE = 5;
    private static final int OP_CONNEC = 6;
    private static final int OP_H = 7;
    private static final int OP_HP = 8;
    private static final int OP_HPU = 9;
    private static final int OP_HPUB = 10;
    private static final int OP_HM = 11;
    private static final int OP_HMS = 12;
    private static final int OP_HMSG = 13;
    private static final int OP_P = 14;
    private static final int OP_PU = 15;
    private static final int OP_PUB = 16;
    private static final int OP_PI = 17;
    private static final int OP_PIN = 18;
    private static final int OP_PING = 19;
    private static final int OP_PO = 20;
    private static final int OP_PON = 21;
    private static final int OP_PONG = 22;
    private static final int OP_S = 23;
    private static final int OP_SU = 24;
    private static final int OP_SUB = 25;
    private static final int OP_U = 26;
    private static final int OP_UN = 27;
    private static final int OP_UNS = 28;
    private static final int OP_UNSU = 29;
    private static final int OP_UNSUB = 30;
    private static final int OP_I = 31;
    private static final int OP_IN = 32;
    private static final int OP_INF = 33;
    private static final int OP_PLUS = 34;
    private static final int OP_PLUS_O = 35;
    private static final int OP_PLUS_OK = 36;
    private static final int OP_MINUS = 37;
    private static final int OP_MINUS_E = 38;
    private static final int OP_MINUS_ER = 39;
    private static final int OP_MINUS_ERR = 40;
    /** Blanks before the argument; the next other byte starts it. */
    private static final int ARG_SPC = 41;
    /** Inside a control-line argument, up to LF. */
    private static final int ARG = 42;
    private static final int MSG_PAYLOAD = 43;
    private static final int MSG_END_R = 44;
    private static final int MSG_END_N = 45;
    /** Terminal: a violation was reported (or a callback threw). */
    private static final int FAILED = 100;
    /** Terminal: {@link #close()} was called. */
    private static final int CLOSED = 101;
    /** Transition marker for a byte that no operation accepts. */
    private static final int BAD = -1;

    // Argument kinds.
    private static final int A_CONNECT = 0;
    private static final int A_INFO = 1;
    private static final int A_ERR = 2;
    private static final int A_PUB = 3;
    private static final int A_HPUB = 4;
    private static final int A_HMSG = 5;
    private static final int A_SUB = 6;
    private static final int A_UNSUB = 7;

    private final ByteBufAllocator alloc;
    private final ArgSplitter splitter = new ArgSplitter(4);
    /** The bytes of the buffer being parsed, and of {@link #acc} (reset before each use: acc may be reallocated). */
    private final ByteReader inBytes = new ByteReader();
    private final ByteReader accBytes = new ByteReader();

    private int maxControlLine = DEFAULT_MAX_CONTROL_LINE;
    private int maxPayload = DEFAULT_MAX_PAYLOAD;
    private boolean headers;
    private boolean awaitingAuth;

    private int state = START;
    private boolean parsing;
    private boolean paused;

    // Current control-line argument.
    private int argKind;
    private int argStart;
    private boolean argInAcc;
    private int drop;

    // Pending message (PUB/HPUB/HMSG) between its control line and its CR LF.
    private int msgKind;
    private int subjOff;
    private int subjLen;
    private int replyOff;
    private int replyLen;
    private int hdrSize;
    private int size;
    private int payloadOff;

    /** Holds a control line, or a control line plus payload, split across reads. */
    private ByteBuf acc;

    /** The buffer {@link #parse} is reading, and the views of it handed to onPub/onHpub; only during parse. */
    private ByteBuf in;
    private ByteBuf subjectView;
    private ByteBuf replyView;
    private ByteBuf payloadView;

    /** Creates a parser with an unpooled heap buffer for split frames. */
    public ClientParser() {
        this(UnpooledByteBufAllocator.DEFAULT);
    }

    /**
     * Creates a parser.
     *
     * @param alloc allocator for the buffer that holds frames split across reads
     */
    public ClientParser(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** @return the control-line limit, in bytes of argument */
    public int maxControlLine() {
        return maxControlLine;
    }

    /**
     * Sets the control-line limit ({@code max_control_line}); applies from the next byte.
     *
     * @param maxControlLine the largest argument length accepted, at least 1
     */
    public void setMaxControlLine(int maxControlLine) {
        if (maxControlLine < 1) {
            throw new IllegalArgumentException("maxControlLine < 1: " + maxControlLine);
        }
        this.maxControlLine = maxControlLine;
    }

    /** @return the payload limit in bytes */
    public int maxPayload() {
        return maxPayload;
    }

    /**
     * Sets the payload limit ({@code max_payload}); applies from the next PUB/HPUB line.
     *
     * @param maxPayload the largest PUB size or HPUB total size accepted, at least 0
     */
    public void setMaxPayload(int maxPayload) {
        if (maxPayload < 0) {
            throw new IllegalArgumentException("maxPayload < 0: " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /** @return whether HPUB is accepted */
    public boolean headersEnabled() {
        return headers;
    }

    /**
     * Whether HPUB is accepted. As in nats-server, this is off until the client's CONNECT has
     * {@code "headers":true} (and the server supports headers): set it from
     * {@link ClientOps#onConnect}. HPUB while off is {@link ProtocolError#HPUB_HEADERS_NOT_SUPPORTED}.
     *
     * @param headers whether HPUB is accepted
     */
    public void setHeadersEnabled(boolean headers) {
        this.headers = headers;
    }

    /** @return whether operations other than CONNECT are refused */
    public boolean awaitingAuth() {
        return awaitingAuth;
    }

    /**
     * Whether the connection awaits authentication: while set, any operation other than CONNECT
     * gives {@link ProtocolError#AUTHORIZATION_VIOLATION} unless
     * {@link ClientOps#allowBeforeConnect()} allows it. Set it when auth is required; clear it from
     * {@link ClientOps#onConnect} once the client is authenticated.
     *
     * @param awaitingAuth whether authentication is still awaited
     */
    public void setAwaitingAuth(boolean awaitingAuth) {
        this.awaitingAuth = awaitingAuth;
    }

    /** @return whether the parser reported a violation or was closed, and ignores its input */
    public boolean isDone() {
        return state >= FAILED;
    }

    /**
     * Consumes all readable bytes of {@code in}, calling {@code ops} for each complete operation.
     * The reader index of {@code in} ends at its writer index; {@code in} is neither retained nor
     * released. After a violation, or {@link #close()}, input is discarded. If a callback throws,
     * the parser stops (discarding further input) and the exception propagates.
     *
     * @param in the bytes read from the connection
     * @param ops the receiver of the decoded operations
     */
    public void parse(ByteBuf in, ClientOps ops) {
        int end = in.writerIndex();
        if (parsing) {
            throw new IllegalStateException("parse is not re-entrant");
        }
        if (state >= FAILED) {
            in.readerIndex(end);
            return;
        }
        parsing = true;
        paused = false;
        boolean ok = false;
        int stop = end;
        try {
            inBytes.reset(in);
            this.in = in;
            stop = run(in, in.readerIndex(), end, ops);
            ok = true;
        } finally {
            in.readerIndex(ok && paused && state < FAILED ? stop : end);
            this.in = null;
            subjectView = null;
            replyView = null;
            payloadView = null;
            parsing = false;
            if (!ok && state < FAILED) {
                state = FAILED;
            }
            if (state >= FAILED) {
                releaseAcc();
            }
        }
    }

    /**
     * Stops consuming after the operation whose callback is running: {@link #parse} then returns with the reader
     * index of its buffer just after that operation, so the caller can hold the rest (for example while a CONNECT
     * is authenticated off the event loop) and feed it to a later {@code parse} call, which resumes normally.
     */
    public void pause() {
        paused = true;
    }

    /** @return whether the last {@link #parse} call stopped early because of {@link #pause()} */
    public boolean paused() {
        return paused;
    }

    /**
     * Stops the parser for good and releases its buffer. May be called from a callback: parsing
     * stops after the callback returns.
     */
    @Override
    public void close() {
        state = CLOSED;
        if (!parsing) {
            releaseAcc();
        }
    }

    /** For tests: capacity of the internal buffer, 0 if none. */
    int bufferCapacity() {
        return acc == null ? 0 : acc.capacity();
    }

    private int run(ByteBuf in, int from, int end, ClientOps ops) {
        int i = from;
        while (i < end && state < FAILED && !paused) {
            byte b = inBytes.get(i);
            int next;
            switch (state) {
                case START -> {
                    if (awaitingAuth && b != 'C' && b != 'c') {
                        if (!ops.allowBeforeConnect()) {
                            fail(ops, ProtocolError.AUTHORIZATION_VIOLATION);
                            return end;
                        }
                        awaitingAuth = false;
                        if (state >= FAILED) {
                            return end;
                        }
                    }
                    next = switch (b) {
                        case 'P', 'p' -> OP_P;
                        case 'H', 'h' -> OP_H;
                        case 'S', 's' -> OP_S;
                        case 'U', 'u' -> OP_U;
                        case 'C', 'c' -> OP_C;
                        case 'I', 'i' -> OP_I;
                        case '+' -> OP_PLUS;
                        case '-' -> OP_MINUS;
                        default -> BAD;
                    };
                }
                case OP_P -> next = is(b, 'U') ? OP_PU : is(b, 'I') ? OP_PI : is(b, 'O') ? OP_PO : BAD;
                case OP_PU -> next = expect(b, 'B', OP_PUB);
                case OP_PUB -> next = blank(b, A_PUB);
                case OP_PI -> next = expect(b, 'N', OP_PIN);
                case OP_PIN -> next = expect(b, 'G', OP_PING);
                case OP_PO -> next = expect(b, 'N', OP_PON);
                case OP_PON -> next = expect(b, 'G', OP_PONG);
                case OP_H -> next = is(b, 'P') ? OP_HP : is(b, 'M') ? OP_HM : BAD;
                case OP_HP -> next = expect(b, 'U', OP_HPU);
                case OP_HPU -> next = expect(b, 'B', OP_HPUB);
                case OP_HPUB -> next = blank(b, A_HPUB);
                case OP_HM -> next = expect(b, 'S', OP_HMS);
                case OP_HMS -> next = expect(b, 'G', OP_HMSG);
                case OP_HMSG -> next = blank(b, A_HMSG);
                case OP_S -> next = expect(b, 'U', OP_SU);
                case OP_SU -> next = expect(b, 'B', OP_SUB);
                case OP_SUB -> next = blank(b, A_SUB);
                case OP_U -> next = expect(b, 'N', OP_UN);
                case OP_UN -> next = expect(b, 'S', OP_UNS);
                case OP_UNS -> next = expect(b, 'U', OP_UNSU);
                case OP_UNSU -> next = expect(b, 'B', OP_UNSUB);
                case OP_UNSUB -> next = blank(b, A_UNSUB);
                case OP_C -> next = expect(b, 'O', OP_CO);
                case OP_CO -> next = expect(b, 'N', OP_CON);
                case OP_CON -> next = expect(b, 'N', OP_CONN);
                case OP_CONN -> next = expect(b, 'E', OP_CONNE);
                case OP_CONNE -> next = expect(b, 'C', OP_CONNEC);
                case OP_CONNEC -> {
                    // CONNECT needs no blank before its argument (parser.go OP_CONNECT).
                    argKind = A_CONNECT;
                    next = expect(b, 'T', ARG_SPC);
                }
                case OP_I -> next = expect(b, 'N', OP_IN);
                case OP_IN -> next = expect(b, 'F', OP_INF);
                case OP_INF -> {
                    argKind = A_INFO;
                    next = expect(b, 'O', ARG_SPC);
                }
                case OP_PLUS -> next = expect(b, 'O', OP_PLUS_O);
                case OP_PLUS_O -> next = expect(b, 'K', OP_PLUS_OK);
                case OP_MINUS -> next = expect(b, 'E', OP_MINUS_E);
                case OP_MINUS_E -> next = expect(b, 'R', OP_MINUS_ER);
                case OP_MINUS_ER -> next = expect(b, 'R', OP_MINUS_ERR);
                case OP_MINUS_ERR -> next = blank(b, A_ERR);
                case ARG_SPC -> {
                    if (b != ' ' && b != '\t') {
                        // The first argument byte is taken as is, whatever it is (parser.go *_SPC).
                        argStart = i;
                        argInAcc = false;
                        drop = 0;
                        state = ARG;
                    }
                    i++;
                    continue;
                }
                case ARG -> {
                    i = scanArg(in, i, end, ops);
                    continue;
                }
                case OP_PING, OP_PONG, OP_PLUS_OK -> {
                    // Anything up to LF is ignored (parser.go OP_PING/OP_PONG/OP_PLUS_OK).
                    int lf = in.indexOf(i, end, (byte) '\n');
                    if (lf < 0) {
                        i = end;
                        continue;
                    }
                    i = lf + 1;
                    int op = state;
                    state = START;
                    if (op == OP_PING) {
                        ops.onPing();
                    } else if (op == OP_PONG) {
                        ops.onPong();
                    } else {
                        ops.onOk();
                    }
                    continue;
                }
                case MSG_PAYLOAD -> {
                    int need = payloadOff + size - acc.writerIndex();
                    int n = Math.min(need, end - i);
                    acc.writeBytes(in, i, n);
                    i += n;
                    if (n == need) {
                        state = MSG_END_R;
                    }
                    continue;
                }
                case MSG_END_R -> next = b == '\r' ? MSG_END_N : BAD;
                case MSG_END_N -> {
                    if (b != '\n') {
                        next = BAD;
                        break;
                    }
                    i++;
                    state = START;
                    if (msgKind == A_HMSG) {
                        ops.onClientHmsg();
                    } else {
                        deliver(acc, acc, payloadOff, ops);
                    }
                    finishFrame();
                    continue;
                }
                default -> throw new IllegalStateException("state " + state);
            }
            if (next == BAD) {
                fail(ops, ProtocolError.UNKNOWN_OP);
                return end;
            }
            state = next;
            i++;
        }
        if (state == ARG && !argInAcc && i >= end) {
            // The argument started in the last byte of this read: keep it for the next one.
            appendToAcc(in, argStart, end - argStart, maxControlLine + 2);
            argInAcc = true;
        }
        return i;
    }

    private static boolean is(byte b, char upper) {
        return b == upper || b == upper + ('a' - 'A');
    }

    private static int expect(byte b, char upper, int next) {
        return is(b, upper) ? next : BAD;
    }

    private int blank(byte b, int kind) {
        if (b == ' ' || b == '\t') {
            argKind = kind;
            return ARG_SPC;
        }
        return BAD;
    }

    /**
     * Scans a control-line argument from {@code i} for LF, enforcing maxControlLine: the argument
     * is the bytes before LF, less one byte if a CR was seen after its first byte (parser.go's
     * {@code drop}).
     */
    private int scanArg(ByteBuf in, int i, int end, ClientOps ops) {
        int segStart = argInAcc ? i : argStart;
        int accLen = argInAcc ? acc.writerIndex() : 0;
        int mcl = maxControlLine;
        // Once mcl + 2 bytes are seen without LF the argument is over the limit whatever follows.
        long limit = (long) segStart + mcl + 2 - accLen;
        int stop = (int) Math.max(i, Math.min(end, limit));
        int d = drop;
        int j = i;
        while (j < stop) {
            byte c = inBytes.get(j);
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                d = 1;
            }
            j++;
        }
        drop = d;
        if (j < stop) {
            int len = accLen + (j - segStart) - d;
            if (len > mcl) {
                fail(ops, ProtocolError.MAX_CONTROL_LINE_EXCEEDED);
                return end;
            }
            if (argInAcc) {
                appendToAcc(in, segStart, j - segStart, mcl + 2);
                return completeArg(acc, 0, len, in, j + 1, end, ops);
            }
            return completeArg(in, argStart, len, in, j + 1, end, ops);
        }
        if (j >= limit || accLen + (end - segStart) - d > mcl) {
            fail(ops, ProtocolError.MAX_CONTROL_LINE_EXCEEDED);
            return end;
        }
        appendToAcc(in, segStart, end - segStart, mcl + 2);
        argInAcc = true;
        return end;
    }

    /** Handles a complete argument {@code src[off, off + len)}; returns where parsing resumes. */
    private int completeArg(ByteBuf src, int off, int len, ByteBuf in, int next, int end, ClientOps ops) {
        state = START;
        switch (argKind) {
            case A_CONNECT -> ops.onConnect(src.slice(off, len));
            case A_INFO -> ops.onInfo(src.slice(off, len));
            case A_ERR -> {
                ops.onErr(src.slice(off, len));
                if (state < FAILED) {
                    fail(ops, ProtocolError.CLIENT_SENT_ERR);
                }
                return end;
            }
            case A_SUB -> {
                int n = splitter.split(bytesOf(src), off, off + len, true);
                if (n == 2) {
                    ops.onSub(field(src, 0), Unpooled.EMPTY_BUFFER, field(src, 1));
                } else if (n == 3) {
                    ops.onSub(field(src, 0), field(src, 1), field(src, 2));
                } else {
                    fail(ops, ProtocolError.SUB_BAD_ARGS);
                    return end;
                }
            }
            case A_UNSUB -> {
                ByteReader bytes = bytesOf(src);
                int n = splitter.split(bytes, off, off + len, true);
                if (n == 1) {
                    ops.onUnsub(field(src, 0), -1);
                } else if (n == 2) {
                    ops.onUnsub(field(src, 0), Ascii.parseSize(bytes, splitter.start(1), splitter.length(1)));
                } else {
                    fail(ops, ProtocolError.UNSUB_BAD_ARGS);
                    return end;
                }
            }
            case A_HMSG -> {
                // A CLIENT's HMSG arguments are not parsed; its payload size is 0 (parser.go HMSG_ARG).
                msgKind = A_HMSG;
                state = MSG_END_R;
            }
            default -> {
                return startMessage(src, off, len, in, next, end, ops);
            }
        }
        finishFrame();
        return next;
    }

    /** The reader for {@code src}: the parsed buffer's, or acc's (reset, as acc may have been reallocated). */
    private ByteReader bytesOf(ByteBuf src) {
        return src == acc ? accBytes.reset(acc) : inBytes;
    }

    private ByteBuf field(ByteBuf src, int n) {
        return src.slice(splitter.start(n), splitter.length(n));
    }

    /** PUB/HPUB control line complete: validate as processPub/processHeaderPub, then take the payload. */
    private int startMessage(ByteBuf src, int off, int len, ByteBuf in, int next, int end, ClientOps ops) {
        int kind = argKind;
        if (kind == A_HPUB && !headers) {
            return failAt(ops, ProtocolError.HPUB_HEADERS_NOT_SUPPORTED, end);
        }
        ByteReader bytes = bytesOf(src);
        int n = splitter.split(bytes, off, off + len, false);
        int sizeField;
        int hdr = -1;
        if (kind == A_PUB) {
            if (n != 2 && n != 3) {
                return failAt(ops, ProtocolError.PUB_BAD_ARGS, end);
            }
            sizeField = n - 1;
        } else {
            if (n != 3 && n != 4) {
                return failAt(ops, ProtocolError.HPUB_BAD_ARGS, end);
            }
            sizeField = n - 1;
            hdr = Ascii.parseSize(bytes, splitter.start(n - 2), splitter.length(n - 2));
            if (hdr < 0) {
                return failAt(ops, ProtocolError.HPUB_BAD_HEADER_SIZE, end);
            }
        }
        int sz = Ascii.parseSize(bytes, splitter.start(sizeField), splitter.length(sizeField));
        if (sz < 0) {
            return failAt(ops, kind == A_PUB ? ProtocolError.PUB_BAD_SIZE : ProtocolError.HPUB_BAD_TOTAL_SIZE, end);
        }
        if (hdr > sz) {
            return failAt(ops, ProtocolError.HPUB_HEADER_SIZE_EXCEEDS_TOTAL, end);
        }
        if (sz > maxPayload) {
            return failAt(ops, ProtocolError.MAX_PAYLOAD_VIOLATION, end);
        }
        boolean hasReply = (kind == A_PUB) ? n == 3 : n == 4;
        msgKind = kind;
        hdrSize = hdr;
        size = sz;
        subjOff = splitter.start(0);
        subjLen = splitter.length(0);
        replyOff = hasReply ? splitter.start(1) : 0;
        replyLen = hasReply ? splitter.length(1) : 0;

        if ((long) next + sz + 2 <= end) {
            // Whole payload and its CR LF in this read: hand out slices, no copy.
            if (inBytes.get(next + sz) != '\r' || inBytes.get(next + sz + 1) != '\n') {
                return failAt(ops, ProtocolError.UNKNOWN_OP, end);
            }
            state = START;
            deliver(src, in, next, ops);
            finishFrame();
            return next + sz + 2;
        }
        // Split payload: keep the control line and the payload together in acc.
        if (src != acc) {
            ensureCapacity(len + sz, len + sz);
            acc.clear();
            acc.writeBytes(src, off, len);
            subjOff -= off;
            replyOff = hasReply ? replyOff - off : 0;
        } else {
            acc.writerIndex(len);
            ensureCapacity(len + sz, len + sz);
        }
        argInAcc = true;
        payloadOff = len;
        state = sz == 0 ? MSG_END_R : MSG_PAYLOAD;
        return next;
    }

    private void deliver(ByteBuf argSrc, ByteBuf paySrc, int payOff, ClientOps ops) {
        ByteBuf subject;
        ByteBuf reply = Unpooled.EMPTY_BUFFER;
        if (argSrc == in) {
            subject = subjectView = window(subjectView, subjOff, subjLen);
            if (replyLen > 0) {
                reply = replyView = window(replyView, replyOff, replyLen);
            }
        } else {
            subject = argSrc.slice(subjOff, subjLen);
            if (replyLen > 0) {
                reply = argSrc.slice(replyOff, replyLen);
            }
        }
        ByteBuf payload = paySrc == in ? payloadView = window(payloadView, payOff, size) : paySrc.slice(payOff, size);
        if (msgKind == A_PUB) {
            ops.onPub(subject, reply, payload);
        } else {
            ops.onHpub(subject, reply, hdrSize, payload);
        }
    }

    /**
     * {@code in[off, off + len)} through {@code view}, a duplicate of {@link #in} made on first use in this parse
     * call. (Per-message slices were most of what a publish allocated: async-profiler's allocation profile on
     * pubsub-16B, about 90 bytes a message.)
     */
    private ByteBuf window(ByteBuf view, int off, int len) {
        return (view == null ? in.duplicate() : view).setIndex(off, off + len);
    }

    /** An operation is complete: forget the argument and shrink a grown buffer. */
    private void finishFrame() {
        argInAcc = false;
        drop = 0;
        if (acc != null && state < FAILED) {
            if (acc.capacity() > RETAIN_CAPACITY) {
                releaseAcc();
            } else {
                acc.clear();
            }
        }
    }

    private void appendToAcc(ByteBuf in, int from, int len, int hardMax) {
        int have = acc == null ? 0 : acc.writerIndex();
        ensureCapacity(have + len, Math.max(hardMax, have + len));
        acc.writeBytes(in, from, len);
    }

    /** Grows acc to hold {@code needed} bytes, doubling but never beyond {@code hardMax}. */
    private void ensureCapacity(int needed, int hardMax) {
        if (acc == null) {
            acc = alloc.heapBuffer(Math.min(Math.max(needed, INITIAL_CAPACITY), hardMax));
            return;
        }
        int cap = acc.capacity();
        if (cap < needed) {
            acc.capacity(Math.max(needed, Math.min(hardMax, cap * 2)));
        }
    }

    private int failAt(ClientOps ops, ProtocolError e, int end) {
        fail(ops, e);
        return end;
    }

    private void fail(ClientOps ops, ProtocolError e) {
        state = FAILED;
        ops.protocolError(e);
    }

    private void releaseAcc() {
        if (acc != null) {
            acc.release();
            acc = null;
        }
    }
}
