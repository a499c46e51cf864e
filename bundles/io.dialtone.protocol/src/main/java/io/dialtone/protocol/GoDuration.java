package io.dialtone.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go duration strings, as nats-server's configuration uses them ({@code "2m"}, {@code "1h30m"},
 * {@code "250ms"}, {@code "1.5s"}, {@code "-3s"}): an optional sign, then one or more decimal numbers each
 * followed by a unit {@code ns}, {@code us} ({@code µs}, {@code μs}), {@code ms}, {@code s}, {@code m},
 * {@code h}; a bare {@code "0"} is allowed. The range is Go's: at most about 292 years either way.
 */
public final class GoDuration {

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_ABS = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);

    private GoDuration() {
    }

    /**
     * @param text a Go duration string
     * @return the duration
     * @throws IllegalArgumentException if {@code text} is not a valid Go duration, with Go's message
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80)) {
                i++;
            }
            boolean intPart = i > numberStart;
            boolean fracPart = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                fracPart = i > fracStart;
            }
            if (!intPart && !fracPart) {
                throw invalid(text);
            }
            String number = s.substring(numberStart, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            String digits = number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number;
            total = total.add(new BigDecimal(digits).multiply(BigDecimal.valueOf(nanos)));
        }
        BigInteger n = total.toBigInteger();
        if (n.compareTo(negative ? MIN_ABS : MAX) > 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(negative ? n.negate().longValueExact() : n.longValueExact());
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
