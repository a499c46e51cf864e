package io.dialtone.core.internal;

import io.dialtone.api.intercept.InterceptResult;
import io.dialtone.api.intercept.PublishedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published message copied off the connection's buffers for the interceptors (no reference-counted buffer
 * crosses the API), and turned back into protocol bytes for routing.
 */
final class InterceptedMessage implements PublishedMessage {

    private static final String VERSION_LINE = "NATS/1.0";

    private final String subject;
    private final String reply;
    private final String statusLine;
    private final Map<String, List<String>> headers;
    private final byte[] payload;
    private final long clientId;
    private final String clientName;

    private InterceptedMessage(String subject, String reply, String statusLine, Map<String, List<String>> headers,
            byte[] payload, long clientId, String clientName) {
        this.subject = subject;
        this.reply = reply;
        this.statusLine = statusLine;
        this.headers = headers;
        this.payload = payload;
        this.clientId = clientId;
        this.clientName = clientName;
    }

    static InterceptedMessage copy(String subject, ByteBuf reply, int headerSize, ByteBuf message, long clientId,
            String clientName) {
        String replyText = reply.isReadable() ? reply.toString(StandardCharsets.ISO_8859_1) : null;
        String status = null;
        Map<String, List<String>> headers = Collections.emptyMap();
        if (headerSize > 0) {
            String block = message.toString(message.readerIndex(), headerSize, StandardCharsets.ISO_8859_1);
            String[] lines = block.split("\r\n");
            status = lines[0];
            Map<String, List<String>> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    h.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            headers = Collections.unmodifiableMap(h);
        }
        byte[] body = new byte[message.readableBytes() - headerSize];
        message.getBytes(message.readerIndex() + headerSize, body);
        return new InterceptedMessage(subject, replyText, status, headers, body, clientId, clientName);
    }

    /** This message with what {@code result} replaces. */
    InterceptedMessage apply(InterceptResult result) {
        return new InterceptedMessage(result.subject() != null ? result.subject() : subject,
                result.reply() != null ? result.reply() : reply,
                statusLine, result.headers() != null ? result.headers() : headers,
                result.payload() != null ? result.payload() : payload, clientId, clientName);
    }

    /** The message in protocol form again, for routing or delivery: wrapped heap copies, nothing to release. */
    record Wire(ByteBuf subject, ByteBuf reply, int headerSize, ByteBuf message) {
    }

    Wire wire() {
        ByteBuf subjectBuf = Unpooled.wrappedBuffer(subject.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuf replyBuf = reply == null ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(reply.getBytes(StandardCharsets.ISO_8859_1));
        byte[] header = headerBlock();
        ByteBuf message = header.length == 0 ? Unpooled.wrappedBuffer(payload) : Unpooled.wrappedBuffer(header, payload);
        return new Wire(subjectBuf, replyBuf, header.length, message);
    }

    /** The header block in protocol form, or an empty array when there are no headers. */
    private byte[] headerBlock() {
        if (statusLine == null && headers.isEmpty()) {
            return new byte[0];
        }
        StringBuilder b = new StringBuilder(statusLine != null ? statusLine : VERSION_LINE).append("\r\n");
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                b.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String reply() {
        return reply;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public long clientId() {
        return clientId;
    }

    @Override
    public String clientName() {
        return clientName;
    }
}
