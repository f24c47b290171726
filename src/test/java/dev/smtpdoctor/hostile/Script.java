package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.GOOD;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;

import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.util.ArrayList;
import java.util.List;

/** Script pieces for a {@link FakeSmtpServer} that plays a hostile server: the well-behaved parts it wraps. */
final class Script {

    /** What the prober says: an address literal, since its own name may not be valid (RFC 5321 §4.1.4). */
    static final String EHLO = "EHLO [127.0.0.1]";

    final FakeSmtpServer server;

    Script(FakeSmtpServer server) {
        this.server = server;
    }

    FakeSmtpServer greeting() {
        return server.output("220 " + HOST + " ESMTP ready");
    }

    /** Expects EHLO and answers 250 with these keyword lines. */
    FakeSmtpServer ehlo(String... keywords) {
        return server.expect(EHLO).output(ehloReply(keywords));
    }

    static String[] ehloReply(String... keywords) {
        List<String> lines = new ArrayList<>();
        lines.add(HOST + " Hello [127.0.0.1]");
        lines.addAll(List.of(keywords));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
        }
        return out.toArray(String[]::new);
    }

    /** STARTTLS, its 220 and the server side of the handshake. */
    FakeSmtpServer startTls(HeldCertificate certificate) {
        return server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS").startTls(certificate);
    }

    FakeSmtpServer quit() {
        return server.expect("QUIT").output("221 2.0.0 Bye");
    }

    /** Implicit TLS with the good certificate, the greeting and EHLO: the start of a healthy 465. */
    FakeSmtpServer secureSession(String... keywords) {
        server.implicitTls(GOOD);
        greeting();
        return ehlo(keywords);
    }
}
