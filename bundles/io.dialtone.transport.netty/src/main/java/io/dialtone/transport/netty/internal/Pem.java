package io.dialtone.transport.netty.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files as nats-server (Go's crypto/tls) does, with the JDK alone: certificate chains, and private keys
 * in PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
 * ({@code EC PRIVATE KEY}). Encrypted keys are refused, as nats-server refuses them.
 */
final class Pem {

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID of id-ecPublicKey (1.2.840.10045.2.1), DER. */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    /** The certificates of a PEM file, leaf first. */
    static X509Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new GeneralSecurityException("no certificate found in " + file);
            }
            return all.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        }
    }

    /** The private key of a PEM file. */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new GeneralSecurityException("no private key found in " + file);
        }
        String kind = m.group(1).trim();
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        switch (kind) {
            case "":
                return pkcs8(der, "RSA", "EC", "Ed25519", "EdDSA");
            case "RSA":
                return pkcs8(wrap(RSA_ALGORITHM, der), "RSA");
            case "EC":
                return pkcs8(wrap(concat(EC_OID, ecCurve(der)), der), "EC");
            default:
                throw new GeneralSecurityException("unsupported private key type \"" + kind + " PRIVATE KEY\" in "
                        + file + " (encrypted keys are not supported)");
        }
    }

    private static PrivateKey pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String a : algorithms) {
            try {
                return KeyFactory.getInstance(a).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("cannot read the private key: " + last.getMessage(), last);
    }

    /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, SEQUENCE { algorithm }, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithmContent, byte[] key) {
        byte[] algorithm = algorithmContent[0] == 0x30 ? algorithmContent : tlv(0x30, algorithmContent);
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    /** The curve OID from a SEC1 ECPrivateKey's {@code [0] parameters}. */
    private static byte[] ecCurve(byte[] sec1) throws GeneralSecurityException {
        int[] at = {0};
        header(sec1, at, 0x30);
        while (at[0] < sec1.length) {
            int tag = sec1[at[0]] & 0xff;
            int length = header(sec1, at, tag);
            if (tag == 0xa0) {
                byte[] oid = new byte[length];
                System.arraycopy(sec1, at[0], oid, 0, length);
                return oid;
            }
            at[0] += length;
        }
        throw new GeneralSecurityException("EC private key without curve parameters");
    }

    /** Reads a DER tag and length at {@code at[0]}, leaves {@code at[0]} on the content, returns its length. */
    private static int header(byte[] der, int[] at, int tag) throws GeneralSecurityException {
        if (at[0] + 2 > der.length || (der[at[0]] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed private key");
        }
        int length = der[at[0] + 1] & 0xff;
        at[0] += 2;
        if (length > 0x80) {
            int bytes = length - 0x80;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = length << 8 | der[at[0]++] & 0xff;
            }
        }
        return length;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
