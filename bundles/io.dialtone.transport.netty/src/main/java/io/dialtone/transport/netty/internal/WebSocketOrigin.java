package io.dialtone.transport.netty.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nats-server's origin check on the WebSocket upgrade ({@code same_origin}, {@code allowed_origins}): a request
 * without an Origin header passes; one from another origin gets {@code 403 Forbidden} and the connection is closed.
 */
final class WebSocketOrigin extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketOrigin.class);

    private final boolean sameOrigin;
    private final List<URI> allowed;
    private final boolean tls;

    WebSocketOrigin(boolean sameOrigin, List<URI> allowed, boolean tls) {
        this.sameOrigin = sameOrigin;
        this.allowed = allowed;
        this.tls = tls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            String refused = check((FullHttpRequest) msg);
            if (refused != null) {
                LOG.error("{} - websocket handshake error: origin not allowed: {}", ctx.channel().remoteAddress(),
                        refused);
                ReferenceCountUtil.release(msg);
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                        Unpooled.copiedBuffer("Forbidden\n", StandardCharsets.US_ASCII));
                r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
                r.headers().set("Sec-Websocket-Version", "13");
                r.headers().set("X-Content-Type-Options", "nosniff");
                r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the request's origin is refused, or {@code null} when it may upgrade. */
    private String check(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || origin.isEmpty()) {
            origin = request.headers().get("Sec-Websocket-Origin");
        }
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        URI o;
        try {
            o = new URI(origin);
        } catch (URISyntaxException e) {
            return e.getMessage();
        }
        if (sameOrigin) {
            String host = request.headers().get(HttpHeaderNames.HOST, "");
            URI h;
            try {
                h = new URI((tls ? "https://" : "http://") + host);
            } catch (URISyntaxException e) {
                return e.getMessage();
            }
            if (!hostOf(o).equals(hostOf(h)) || port(o) != port(h)) {
                return "not same origin";
            }
        }
        if (!allowed.isEmpty()) {
            for (URI a : allowed) {
                if (hostOf(a).equals(hostOf(o)) && String.valueOf(a.getScheme()).equalsIgnoreCase(o.getScheme())
                        && port(a) == port(o)) {
                    return null;
                }
            }
            return "not in the allowed list";
        }
        return null;
    }

    private static String hostOf(URI u) {
        return u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    }

    /** The explicit port, or the scheme's default (443 for https, else 80), as nats-server's wsGetHostAndPort. */
    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
