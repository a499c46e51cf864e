package io.dialtone.config.parse.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Converts the text of scalar items to values, with parse.go's rules and messages. */
final class Scalars {

    private Scalars() {
    }

    /** A conversion failed; the message is the reason, without position. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * An integer with an optional case-insensitive size suffix: k=10^3, kb/ki/kib=2^10, m, mb/mi/mib, g, gb/gi/gib,
     * t, tb/ti/tib, p, pb/pi/pib, e, eb/ei/eib. nats-server silently drops a value with an unknown suffix
     * ({@code 1kbb}) and lets a suffix overflow wrap around ({@code 10e}); both are errors here.
     */
    static long integer(String text) throws Invalid {
        int digits = 0;
        while (digits < text.length() && (isAsciiDigit(text.charAt(digits)) || text.charAt(digits) == '-')) {
            digits++;
        }
        String number = text.substring(0, digits);
        long value;
        try {
            if (number.isEmpty() || number.lastIndexOf('-') > 0) {
                throw new NumberFormatException();
            }
            value = Long.parseLong(number);
        } catch (NumberFormatException e) {
            if (number.matches("-?[0-9]{19,}")) {
                throw new Invalid("integer '" + text + "' is out of the range");
            }
            throw new Invalid("expected integer, but got '" + text + "'");
        }
        String suffix = text.substring(digits).trim().toLowerCase(Locale.ROOT);
        long multiplier = multiplier(suffix);
        if (multiplier == 0) {
            throw new Invalid("invalid size suffix '" + text.substring(digits) + "' in '" + text
                    + "' (known: k, kb, ki, kib, m, mb, mi, mib, g, gb, gi, gib, t, tb, ti, tib, p, pb, pi, pib, "
                    + "e, eb, ei, eib)");
        }
        try {
            return Math.multiplyExact(value, multiplier);
        } catch (ArithmeticException e) {
            throw new Invalid("integer '" + text + "' is out of the range");
        }
    }

    private static long multiplier(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        int power = "kmgtpe".indexOf(suffix.charAt(0)) + 1;
        if (power == 0) {
            return 0;
        }
        String unit = suffix.substring(1);
        long base;
        if (unit.isEmpty()) {
            base = 1000;
        } else if (unit.equals("b") || unit.equals("i") || unit.equals("ib")) {
            base = 1024;
        } else {
            return 0;
        }
        long m = 1;
        for (int i = 0; i < power; i++) {
            m *= base;
        }
        return m;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A float as lexed: optional '-', digits, '.', digits. */
    static double floating(String text) throws Invalid {
        double d;
        try {
            if (!text.matches("-?[0-9]+\\.[0-9]+")) {
                throw new NumberFormatException();
            }
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new Invalid("expected float, but got '" + text + "'");
        }
        if (Double.isInfinite(d)) {
            throw new Invalid("float '" + text + "' is out of the range");
        }
        return d;
    }

    /** true/yes/on and false/no/off, any case. */
    static boolean bool(String text) throws Invalid {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                throw new Invalid("expected boolean value, but got '" + text + "'");
        }
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ} with valid calendar fields. */
    static Instant datetime(String text) throws Invalid {
        try {
            if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")) {
                throw new Invalid("");
            }
            return LocalDateTime.parse(text.substring(0, text.length() - 1), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | Invalid e) {
            throw new Invalid("expected Zulu formatted DateTime, but got '" + text + "'");
        }
    }
}
