package io.dialtone.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;

/**
 * A client's CONNECT options (nats-server's {@code ClientOpts}). Omitted booleans take nats-server's defaults:
 * verbose, pedantic and echo are true.
 */
final class ConnectOptions {

    private static final JsonFactory JSON = new JsonFactory();

    boolean verbose = true;
    boolean pedantic = true;
    boolean echo = true;
    boolean headers;
    boolean noResponders;
    boolean tlsRequired;
    int protocol;
    String name = "";
    String lang = "";
    String version = "";
    String user;
    String pass;
    String authToken;
    String nkey;
    String sig;
    String jwt;
    String account;
    boolean newAccount;

    /**
     * Parses the CONNECT JSON as nats-server's Go decoding does: unknown fields are ignored, {@code null} leaves a
     * field as it was, invalid UTF-8 in a string becomes U+FFFD, and a value of the wrong type (a string or a
     * fraction for {@code protocol}, a string for a boolean) or anything after the object is an error.
     */
    static ConnectOptions parse(ByteBuf json) throws IOException {
        ConnectOptions o = new ConnectOptions();
        // decoded first, leniently: Go's decoder replaces invalid UTF-8 where Jackson's byte parser would throw
        String text = json.toString(json.readerIndex(), json.readableBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("CONNECT needs a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "verbose": o.verbose = bool(p, t, o.verbose); break;
                    case "pedantic": o.pedantic = bool(p, t, o.pedantic); break;
                    case "echo": o.echo = bool(p, t, o.echo); break;
                    case "headers": o.headers = bool(p, t, o.headers); break;
                    case "no_responders": o.noResponders = bool(p, t, o.noResponders); break;
                    case "tls_required": o.tlsRequired = bool(p, t, o.tlsRequired); break;
                    case "protocol": o.protocol = integer(p, t, o.protocol); break;
                    case "name": o.name = text(p, t); break;
                    case "lang": o.lang = text(p, t); break;
                    case "version": o.version = text(p, t); break;
                    case "user": o.user = text(p, t); break;
                    case "pass": o.pass = text(p, t); break;
                    case "auth_token": o.authToken = text(p, t); break;
                    case "nkey": o.nkey = text(p, t); break;
                    case "sig": o.sig = text(p, t); break;
                    case "jwt": o.jwt = text(p, t); break;
                    case "account": o.account = text(p, t); break;
                    case "new_account": o.newAccount = bool(p, t, o.newAccount); break;
                    default: p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("CONNECT has more than one JSON object");
            }
        }
        return o;
    }

    private static int integer(JsonParser p, JsonToken t, int unchanged) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return unchanged;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("expected an integer for " + p.currentName());
        }
        return p.getIntValue();
    }

    private static boolean bool(JsonParser p, JsonToken t, boolean unchanged) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return unchanged;
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw new IOException("expected a boolean for " + p.currentName());
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IOException("expected a string for " + p.currentName());
        }
        return p.getText();
    }
}
