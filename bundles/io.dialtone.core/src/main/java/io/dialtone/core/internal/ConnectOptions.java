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

    /** Parses the CONNECT JSON; unknown fields are ignored, as nats-server's JSON decoding does. */
    static ConnectOptions parse(ByteBuf json) throws IOException {
        ConnectOptions o = new ConnectOptions();
        try (JsonParser p = JSON.createParser((java.io.InputStream) new ByteBufInputStream(json.duplicate()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("CONNECT needs a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "verbose": o.verbose = bool(p, t); break;
                    case "pedantic": o.pedantic = bool(p, t); break;
                    case "echo": o.echo = bool(p, t); break;
                    case "headers": o.headers = bool(p, t); break;
                    case "no_responders": o.noResponders = bool(p, t); break;
                    case "tls_required": o.tlsRequired = bool(p, t); break;
                    case "protocol": o.protocol = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0; break;
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
                    case "new_account": o.newAccount = bool(p, t); break;
                    default: p.skipChildren();
                }
            }
        }
        return o;
    }

    private static boolean bool(JsonParser p, JsonToken t) throws IOException {
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
