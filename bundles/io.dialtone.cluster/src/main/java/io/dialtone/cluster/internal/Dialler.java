package io.dialtone.cluster.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one configured route dialled: connects, and after a failure or a close dials again every second (nats-server
 * retries configured routes for ever). A connection closed because the peer already has a route with this server is
 * dialled again only once that route is gone; a route to this server itself is given up.
 *
 * <p>An implicit route (a server the cluster's gossip announced) is dialled as nats-server dials one: once, then
 * again every second at most {@code connect_retries} times; once connected it is not dialled again after a close,
 * nor when the peer keeps another route to this server.
 */
final class Dialler {

    private static final Logger LOG = LoggerFactory.getLogger(Dialler.class);

    private final ClusterComponent cluster;
    private final String url;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String display;
    private volatile boolean stopped;
    private volatile Channel current;
    private volatile String duplicateOf;
    private int attempts;
    /** Configured (dialled for ever), or implicit (see the class comment). */
    private final boolean configured;
    /** An implicit route's retries after the first attempt. */
    private final int retries;
    /** Told when an implicit route's dialler is done (given up, closed, or a duplicate). */
    private final Runnable done;

    /** A configured route; the URL's user info is the route's credentials. */
    Dialler(ClusterComponent cluster, String url) {
        this(cluster, url, true, 0, null, null, () -> { });
    }

    /** An implicit route to {@code url}, with this server's cluster credentials when the peer requires them. */
    static Dialler implicit(ClusterComponent cluster, String url, int retries, String user, String password,
            Runnable done) {
        return new Dialler(cluster, url, false, retries, user, password, done);
    }

    private Dialler(ClusterComponent cluster, String url, boolean configured, int retries, String user,
            String password, Runnable done) {
        this.cluster = cluster;
        this.url = url;
        this.configured = configured;
        this.retries = Math.max(0, retries);
        this.done = done;
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("a route URL needs a host and a port");
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
        String info = uri.getRawUserInfo();
        if (!configured) {
            this.user = user;
            this.password = user == null ? null : password;
        } else if (info != null) {
            int colon = info.indexOf(':');
            this.user = decode(colon < 0 ? info : info.substring(0, colon));
            this.password = colon < 0 ? "" : decode(info.substring(colon + 1));
        } else {
            this.user = null;
            this.password = null;
        }
        this.display = (uri.getScheme() == null ? "nats-route" : uri.getScheme()) + "://" + host + ":" + port;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    String display() {
        return display;
    }

    /** Whether this dials {@code host:port} (nats-server compares a gossiped route with the configured ones so). */
    boolean dials(String otherHost, int otherPort) {
        return port == otherPort && host.equalsIgnoreCase(otherHost);
    }

    void dial() {
        if (stopped) {
            return;
        }
        Bootstrap b = new Bootstrap().group(cluster.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        cluster.sessions().attachRoute(ch, cluster.transport(true, display, configured, user,
                                password, Dialler.this));
                    }
                });
        b.connect(host, port).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                attempts++;
                if (attempts == 1 || attempts % 60 == 0) {
                    LOG.error("Error trying to connect to route (attempt {}): {}", attempts,
                            f.cause() == null ? "closed" : f.cause().getMessage());
                } else {
                    LOG.debug("Error trying to connect to route (attempt {}): {}", attempts,
                            f.cause() == null ? "closed" : f.cause().getMessage());
                }
                if (!configured && attempts > retries) {
                    LOG.debug("Giving up on implicit route {} after {} attempts", display, attempts);
                    finish();
                    return;
                }
                later();
                return;
            }
            attempts = 0;
            Channel ch = f.channel();
            current = ch;
            if (stopped) {
                ch.close();
                return;
            }
            ch.closeFuture().addListener(x -> closed());
        });
    }

    void registered(String remoteId) {
        duplicateOf = null;
    }

    /** This connection was dropped in favour of another route to the same server (or reached this server). */
    void duplicate(String remoteId, boolean self) {
        if (self) {
            stopped = true;
        } else {
            duplicateOf = remoteId;
        }
    }

    private void closed() {
        current = null;
        if (!configured) {
            finish();
            return;
        }
        if (stopped) {
            return;
        }
        String other = duplicateOf;
        if (other != null) {
            duplicateOf = null;
            cluster.sessions().routeGone(other).thenRun(this::later);
        } else {
            later();
        }
    }

    private void later() {
        if (!stopped) {
            cluster.group().schedule(this::dial, ClusterComponent.RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** An implicit route's dialler is done. */
    private void finish() {
        stopped = true;
        done.run();
    }

    void stop() {
        stopped = true;
        Channel ch = current;
        if (ch != null) {
            ch.close();
        }
    }
}
