package io.dialtone.core.internal;

import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import io.dialtone.api.runtime.ConnectionDTO;
import io.dialtone.protocol.ServerOps;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is admitted as: its CONNECT, whether it must authenticate (the nonce it is given, the auth timer),
 * the authenticators' decision (user, account, permissions) and its re-checks, and the connect / disconnect
 * announcements. Event loop only, except {@link #reauthenticate}, which runs on the auth executor.
 */
final class Admission {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** nats-server's default auth timeout. */
    private static final long AUTH_TIMEOUT_MILLIS = 2000;

    private final ClientSession session;
    private final Broker broker;
    /** The client's CONNECT; its defaults until one came. */
    ConnectOptions options = new ConnectOptions();
    /** The client sent a CONNECT it was admitted with. */
    boolean connected;
    private boolean authRequired;
    /** What INFO says: auth_required unless an authenticator admits clients without credentials. */
    private boolean authAdvertised;
    private String nonce;
    private ScheduledFuture<?> authTimer;
    private volatile String user;
    /** The last connect/disconnect announcement, so the next one runs after it. */
    private CompletableFuture<Void> announced = CompletableFuture.completedFuture(null);

    Admission(ClientSession session) {
        this.session = session;
        this.broker = session.broker;
    }

    /**
     * When the client is greeted: whether it must authenticate (then the parser waits for CONNECT and the auth timer
     * runs); returns the nonce to put in INFO, or null.
     */
    String greeting(List<Map.Entry<Map<String, Object>, Authenticator>> chain) {
        authRequired = Authentication.required(chain);
        authAdvertised = Authentication.advertised(chain);
        nonce = authRequired && Authentication.wantsNonce(chain) ? Authentication.nonce() : null;
        if (authRequired) {
            session.parser.setAwaitingAuth(true);
            authTimer = session.channel.eventLoop().schedule(this::authTimeout, AUTH_TIMEOUT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        return nonce;
    }

    boolean advertised() {
        return authAdvertised;
    }

    void onConnect(ByteBuf json) {
        ConnectOptions o;
        try {
            o = ConnectOptions.parse(json);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} - malformed CONNECT: {}", session, e.getMessage());
            session.parser.close();
            session.refuse("Parse Error", "malformed CONNECT");
            return;
        }
        options = o;
        if (o.protocol < 0 || o.protocol > 1) {
            deny("invalid client protocol", "Bad Client Protocol Version", "invalid client protocol");
            return;
        }
        if (o.noResponders && !o.headers) {
            deny("no responders requires headers support", "No Responders Requires Headers",
                    "no responders requires headers support");
            return;
        }
        if (o.account != null && !o.account.isEmpty() || o.newAccount) {
            deny("Authorization Violation", "Authentication Failure", "account in CONNECT");
            return;
        }
        session.outbound.headers = o.headers;
        session.deliveries.echo = o.echo;
        session.parser.setHeadersEnabled(o.headers);
        if (authRequired && !connected) {
            authenticate(o);
            return;
        }
        connected = true;
        announce(true, null);
        if (o.verbose) {
            session.outbound.append(ServerOps.OK);
        }
    }

    /** Tells the client {@code -ERR '<err>'} and closes it for {@code reason}. */
    private void deny(String err, String reason, String why) {
        session.outbound.appendErr(err);
        session.refuse(reason, why);
    }

    /**
     * Asks the authenticators off the event loop. Meanwhile this connection reads nothing more and keeps what it
     * already read after the CONNECT; the decision comes back to the event loop.
     */
    private void authenticate(ConnectOptions o) {
        session.suspend();
        ConnectAttempt attempt = new Attempt(session, o, nonce);
        var chain = broker.authenticators;
        try {
            broker.authExecutor.execute(() -> {
                AuthDecision d = Authentication.decide(chain, attempt, broker.authenticatorStats);
                session.channel.eventLoop().execute(() -> authDecided(d));
            });
        } catch (RejectedExecutionException e) {
            authDecided(AuthDecision.deny("the server is stopping"));
        }
    }

    private void authDecided(AuthDecision d) {
        if (session.closing.get()) {
            return;
        }
        if (d.outcome() != AuthDecision.Outcome.ALLOW) {
            LOG.error("{} - Authorization Error - User \"{}\"{}", session, options.user == null ? "" : options.user,
                    d.reason() == null ? "" : ": " + d.reason());
            deny("Authorization Violation", "Authentication Failure", "authorization violation");
            return;
        }
        user = d.user();
        Account admitted = broker.accounts.account(d.account());
        if (admitted != session.account()) {
            session.enter(admitted);
        }
        session.outbound.perms = ClientPermissions.compile(d.permissions());
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        connected = true;
        announce(true, null);
        session.parser.setAwaitingAuth(false);
        if (options.verbose) {
            session.outbound.append(ServerOps.OK);
        }
        session.resume();
    }

    /**
     * Asks the authenticators about this connected client again (on the auth executor, after they changed): a client
     * no longer admitted, or admitted into another account, is closed with {@code Authorization Violation}; one still
     * admitted gets its new permissions. With no authenticator left, nobody needs to authenticate.
     */
    void reauthenticate(List<Map.Entry<Map<String, Object>, Authenticator>> chain) {
        if (!connected || session.closing.get()) {
            return;
        }
        Account account = session.account();
        AuthDecision d = chain.isEmpty() ? AuthDecision.allow(user, account == broker.global ? null : account.name)
                : Authentication.decide(chain, new Attempt(session, options, nonce), broker.authenticatorStats);
        session.channel.eventLoop().execute(() -> reauthenticated(d));
    }

    private void reauthenticated(AuthDecision d) {
        if (session.closing.get()) {
            return;
        }
        if (d.outcome() != AuthDecision.Outcome.ALLOW || broker.accounts.account(d.account()) != session.account()) {
            LOG.error("{} - Authorization Error - User \"{}\" no longer admitted{}", session,
                    options.user == null ? "" : options.user, d.reason() == null ? "" : ": " + d.reason());
            deny("Authorization Violation", "Authentication Failure", "authorization revoked");
            return;
        }
        ClientPermissions p = ClientPermissions.compile(d.permissions());
        session.outbound.perms = p;
        session.publishing.forgetRoutes(); // its entries remember publish decisions
        if (p != null) {
            removeSubscriptionsNoLongerAllowed(p);
        }
        session.outbound.denyFilter = p != null
                && session.subs.values().stream().anyMatch(x -> p.needsDeliveryFilter(x.subject));
    }

    /**
     * As nats-server on a reload: a subscription the client's new permissions no longer allow is removed, and the
     * client told with {@code -ERR 'Permissions Violation for Subscription to "<subject>" (sid "<sid>")'}.
     */
    private void removeSubscriptionsNoLongerAllowed(ClientPermissions p) {
        boolean removed = false;
        for (Subscription s : session.subs.values()) {
            if (!p.subscribeAllowed(s.subject, s.queue)) {
                session.unsubscribe(s);
                LOG.info("{} - Removed sub \"{}\" (sid \"{}\") for {} - not authorized", session, s.subject, s.sid,
                        authUser());
                session.outbound.appendErr("Permissions Violation for Subscription to \"" + s.subject + "\" (sid \""
                        + s.sid + "\")");
                removed = true;
            }
        }
        if (removed) {
            session.outbound.flush();
        }
    }

    private void authTimeout() {
        authTimer = null;
        if (!connected && !session.closing.get()) {
            deny("Authentication Timeout", "Authentication Timeout", "authentication timeout");
        }
    }

    /** The connection is gone. */
    void closed() {
        if (authTimer != null) {
            authTimer.cancel(false);
        }
    }

    /** How nats-server's log names the client's identity. */
    String authUser() {
        String u = user;
        if (u == null) {
            return options.nkey != null ? "Nkey \"" + options.nkey + "\"" : "User \"\"";
        }
        return (u.startsWith("U") && u.length() == 56 ? "Nkey \"" : "User \"") + u + "\"";
    }

    /**
     * Tells the connection listeners, off the event loop and in order for this client (each announcement waits for
     * the one before); costs nothing when no listener is registered.
     */
    void announce(boolean connect, ConnectionDTO snapshot) {
        if (broker.connectionListeners.isEmpty()) {
            return;
        }
        ConnectionDTO c = snapshot != null ? snapshot : session.snapshot(false);
        try {
            announced = announced.thenRunAsync(() -> broker.tellListeners(c, connect), broker.interceptExecutor);
        } catch (RejectedExecutionException stopping) {
            // the broker is going away
        }
    }

    /** The CONNECT as authenticators see it. */
    private static final class Attempt implements ConnectAttempt {
        private final ClientSession session;
        private final ConnectOptions o;
        private final String nonce;

        Attempt(ClientSession session, ConnectOptions o, String nonce) {
            this.session = session;
            this.o = o;
            this.nonce = nonce;
        }

        @Override
        public long clientId() {
            return session.id;
        }

        @Override
        public String remoteAddress() {
            return session.where();
        }

        @Override
        public String user() {
            return o.user;
        }

        @Override
        public String password() {
            return o.pass;
        }

        @Override
        public String token() {
            return o.authToken;
        }

        @Override
        public String nkey() {
            return o.nkey;
        }

        @Override
        public String signature() {
            return o.sig;
        }

        @Override
        public String nonce() {
            return nonce;
        }

        @Override
        public String jwt() {
            return o.jwt;
        }

        @Override
        public String name() {
            return o.name;
        }

        @Override
        public java.security.cert.X509Certificate certificate() {
            return session.transport.certificate().get();
        }

        @Override
        public boolean certificateNamesUser() {
            return session.transport.tlsMap();
        }
    }
}
