package dev.smtpdoctor.hostile;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * TLS records written by hand, for servers no TLS library would play: a certificate that is not one,
 * an alert instead of a ServerHello. TLS 1.2 (RFC 5246) because its Certificate message travels in the
 * clear; a TLS 1.3 server encrypts it.
 */
final class TlsFlights {

    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    /** TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 5289), which the JDK client offers by default. */
    private static final int CIPHER_SUITE = 0xC02F;

    private TlsFlights() {
    }

    /** Reads one whole TLS record (the ClientHello) and returns its type, or -1 when the client hung up. */
    static int readRecord(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int type = d.read();
        if (type < 0) {
            return -1;
        }
        d.readUnsignedShort(); // version
        int length = d.readUnsignedShort();
        d.readFully(new byte[length]);
        return type;
    }

    /** A fatal alert record (RFC 5246 §7.2), e.g. 40 handshake_failure, 70 protocol_version. */
    static byte[] fatalAlert(int description) {
        return new byte[] {ALERT, 3, 3, 0, 2, 2, (byte) description};
    }

    /** ServerHello choosing TLS 1.2, then a Certificate message whose only "certificate" is {@code garbage}. */
    static byte[] serverHelloWithCertificate(byte[] garbage) {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.write(3);
        hello.write(3);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        hello.writeBytes(random);
        hello.write(0); // no session id
        hello.write(CIPHER_SUITE >> 8);
        hello.write(CIPHER_SUITE & 0xff);
        hello.write(0); // no compression
        ByteArrayOutputStream certificates = new ByteArrayOutputStream();
        writeUint24(certificates, garbage.length + 3);
        writeUint24(certificates, garbage.length);
        certificates.writeBytes(garbage);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        handshake(flight, 2, hello.toByteArray());
        handshake(flight, 11, certificates.toByteArray());
        return record(HANDSHAKE, flight.toByteArray());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Plays the garbage-certificate server: waits for the ClientHello, answers, then waits for the client to give up. */
    static void garbageCertificate(InputStream in, OutputStream out) throws IOException {
        if (readRecord(in) < 0) {
            return;
        }
        out.write(serverHelloWithCertificate(ascii("this is not a certificate, it is garbage ".repeat(8))));
        out.flush();
        while (in.read() >= 0) {
            // The client's alert, then its close.
        }
    }

    private static void handshake(ByteArrayOutputStream out, int type, byte[] body) {
        out.write(type);
        writeUint24(out, body.length);
        out.writeBytes(body);
    }

    private static byte[] record(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(body.length >> 8);
        out.write(body.length & 0xff);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeUint24(ByteArrayOutputStream out, int n) {
        out.write(n >> 16);
        out.write((n >> 8) & 0xff);
        out.write(n & 0xff);
    }
}
