package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.testing.MailLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Bounded waits until freshly started daemons serve. Every wait ends by {@code deadline} (System.nanoTime). */
final class Readiness {

    private Readiness() {
    }

    /** Until Dovecot's SASL socket accepts a connection. */
    static void awaitUnixSocket(Path socket, long deadline) {
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return;
            } catch (IOException e) {
                last = e;
                pause();
            }
        }
        throw new PostfixUnavailableException("Dovecot's SASL socket " + socket + " accepted no connection in time: "
                + last);
    }

    /**
     * Talks to every listener once (greeting and QUIT, or just a connection where TLS comes first),
     * then waits until each one's smtpd has logged the end of it. That proves smtpd runs with this
     * configuration and postlogd writes the log, and keeps these sessions out of the tests' marks.
     */
    static void awaitListeners(InetAddress address, Map<Listener, Integer> ports, MailLog maillog, long deadline) {
        MailLog.Mark start = new MailLog.Mark(0);
        for (Map.Entry<Listener, Integer> e : ports.entrySet()) {
            talkTo(e.getKey(), new InetSocketAddress(address, e.getValue()), deadline);
        }
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        maillog.await(start, lines -> {
            for (Listener l : ports.keySet()) {
                if (SmtpdSession.parse(l, lines).stream().noneMatch(SmtpdSession::ended)) {
                    return false;
                }
            }
            return true;
        }, Duration.ofMillis(left), "an ended session for every listener's readiness check");
    }

    private static void talkTo(Listener l, InetSocketAddress address, long deadline) {
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try (Socket s = new Socket()) {
                s.connect(address, 2000);
                if (!l.implicitTls()) {
                    s.setSoTimeout(5000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String greeting = in.readLine();
                    if (greeting == null || !greeting.startsWith("220 ")) {
                        throw new PostfixUnavailableException(l + " on " + address + " greeted with " + greeting
                                + " instead of 220");
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.readLine();
                }
                return;
            } catch (IOException e) {
                last = e;
                pause();
            }
        }
        throw new PostfixUnavailableException(l + " on " + address + " did not answer in time: " + last);
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostfixUnavailableException("interrupted while waiting for Postfix and Dovecot", e);
        }
    }
}
