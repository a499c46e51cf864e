package io.dialtone.monitor.internal;

import java.util.Locale;

/** Query parameters, decoded the way nats-server's monitor.go decodes them (same 400 texts). */
@FunctionalInterface
interface Params {

    /** The first value of the parameter, or null. */
    String get(String name);

    default String string(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    default int integer(String name) throws BadRequest {
        String v = string(name);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadRequest("Error decoding int for '" + name + "': strconv.Atoi: parsing \"" + v
                    + "\": invalid syntax");
        }
    }

    default long unsigned(String name) throws BadRequest {
        String v = string(name);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequest("Error decoding uint64 for '" + name + "': strconv.ParseUint: parsing \"" + v
                    + "\": invalid syntax");
        }
    }

    /** Go's strconv.ParseBool. */
    default boolean bool(String name) throws BadRequest {
        String v = string(name);
        switch (v) {
            case "":
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return false;
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return true;
            default:
                throw new BadRequest("Error decoding boolean for '" + name + "': strconv.ParseBool: parsing \"" + v
                        + "\": invalid syntax");
        }
    }

    default String lower(String name) {
        return string(name).toLowerCase(Locale.ROOT);
    }
}
