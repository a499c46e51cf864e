package io.dialtone.auth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The little of the nkeys format a server needs: decode a user public key ({@code U...}: base32 of a prefix byte, the
 * 32-byte ed25519 key and a CRC-16 little-endian, as github.com/nats-io/nkeys encodes it) and verify a signature with
 * the JDK's own Ed25519 ({@code KeyFactory "Ed25519"}, Java 15+).
 */
final class NKeys {

    /** The prefix byte of a user public key: 'U' is 20 in base32, shifted into the top five bits. */
    private static final int PREFIX_USER = 20 << 3;
    /** The DER header of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
    private static final byte[] X509_ED25519 = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private NKeys() {
    }

    /** The Ed25519 key of a user public nkey; {@link IllegalArgumentException} when it is not one. */
    static PublicKey userPublicKey(String nkey) {
        if (nkey == null || nkey.length() != 56 || nkey.charAt(0) != 'U') {
            throw new IllegalArgumentException("not a user public nkey: " + nkey);
        }
        byte[] raw = base32(nkey);
        if (raw.length != 35 || (raw[0] & 0xff) != PREFIX_USER) {
            throw new IllegalArgumentException("not a user public nkey: " + nkey);
        }
        int crc = (raw[33] & 0xff) | (raw[34] & 0xff) << 8;
        if (crc != crc16(raw, 33)) {
            throw new IllegalArgumentException("nkey checksum mismatch: " + nkey);
        }
        byte[] der = new byte[X509_ED25519.length + 32];
        System.arraycopy(X509_ED25519, 0, der, 0, X509_ED25519.length);
        System.arraycopy(raw, 1, der, X509_ED25519.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an ed25519 key: " + nkey, e);
        }
    }

    /** nats-server's signature decoding: base64 raw URL first, then standard; {@code null} when neither. */
    static byte[] decodeSignature(String sig) {
        if (sig == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getDecoder().decode(sig);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 4648 base32 without padding. */
    private static byte[] base32(String s) {
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            int v = BASE32.indexOf(s.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + s);
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >> bits);
            }
        }
        return out;
    }

    /** CRC-16/XMODEM (polynomial 0x1021, initial 0), the nkeys checksum. */
    static int crc16(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xff) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
