package dev.smtpdoctor.hostile;

import dev.smtpdoctor.model.DnsFailure;
import static dev.smtpdoctor.hostile.HostileFixture.GOOD;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static dev.smtpdoctor.hostile.HostileFixture.SHORT;
import static dev.smtpdoctor.hostile.Scenario.on;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * The catalogue of misbehaving servers (issue 5; docs/security.md): each a named script for the
 * fake server, the probe the user chose, and the specific outcome and finding it must end in. A flat
 * table on purpose: one row per server, read top to bottom like a list of war stories.
 *
 * <p>Ports are Gmail's (25, 465, 587): the test's resolver maps every one of them to the fake server's
 * ephemeral port, as {@code --resolve} and the demo do. Cases whose point is a deadline use
 * {@link HostileFixture#SHORT} (1 s a step); everything else ends at once. The probe-level details of
 * many of these (exact transcripts, steps) are in {@code ProberMisbehaviourTest}; here the point is
 * the whole way to a finding.
 */
enum HostileServer {

    // ---- time -----------------------------------------------------------------------------------

    NO_GREETING_EVER("accepts the connection and never says a word", on(587, TLS).timeouts(SHORT)
            .script(s -> s.server.stall())
            .outcome(new ProbeOutcome.TimedOut(Step.GREETING))
            .finding(FindingCode.SERVER_TIMEOUT, Severity.ERROR, "step", "GREETING", "port", "587")),

    GREETING_DRIPPED_ONE_BYTE_A_SECOND("sends its greeting one byte per second", on(587, TLS).timeouts(SHORT)
            .script(s -> s.server.drip("220 " + HOST + " ESMTP\r\n", Duration.ofSeconds(1)))
            .outcome(new ProbeOutcome.TimedOut(Step.GREETING))
            .result(r -> assertThat(r.bytesRead()).isLessThan(10))
            .finding(FindingCode.SERVER_TIMEOUT, "step", "GREETING")),

    SLOW_GREETING_PAST_THE_STEP_TIMEOUT("greets after 1.6 s, later than the 1 s the step allows (a 20 s "
            + "greeting against a shorter timeout, scaled down)", on(587, TLS).timeouts(SHORT)
            .script(s -> s.server.pause(Duration.ofMillis(1600)).output("220 " + HOST + " ESMTP"))
            .outcome(new ProbeOutcome.TimedOut(Step.GREETING))
            .finding(FindingCode.SERVER_TIMEOUT, "step", "GREETING")),

    SLOW_BUT_LEGAL_GREETING("greets after 5.5 s on purpose, like Postfix postscreen, while the step allows 8 s",
            on(465, SSL).withPassword().timeouts(new Timeouts(Duration.ofSeconds(8), Duration.ofSeconds(20)))
            .script(s -> {
                s.server.implicitTls(GOOD).pause(Duration.ofMillis(5500));
                s.greeting();
                s.ehlo("AUTH PLAIN LOGIN");
                s.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
                s.server.expect("MAIL FROM:<*>").output("250 2.1.0 Ok");
                s.server.expect("RCPT TO:<*>").output("250 2.1.5 Ok");
                s.server.expect("RSET").output("250 2.0.0 Ok");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.greetingMillis()).isGreaterThanOrEqualTo(5400))
            // Measured and labelled (a note, not a warning: under Gmail's ~10 s), and not blamed: it works.
            .finding(FindingCode.GREETING_DELAYED, Severity.INFO, "port", "465")
            .assessment(a -> {
                assertThat(a.recommendation().kind()).isEqualTo(Recommendation.Kind.SECURE);
                assertThat(a.findings()).noneMatch(f -> f.severity().compareTo(Severity.INFO) < 0);
            })),

    TLS_HANDSHAKE_STALLS("says 220 to STARTTLS, then never answers the ClientHello", on(587, TLS).timeouts(SHORT)
            .script(s -> {
                s.greeting();
                s.ehlo("STARTTLS");
                s.server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS").stall();
            })
            .outcome(new ProbeOutcome.TimedOut(Step.STARTTLS_HANDSHAKE))
            .finding(FindingCode.SERVER_TIMEOUT, "step", "STARTTLS_HANDSHAKE")),

    IMPLICIT_TLS_PORT_SILENT("on 465, takes the ClientHello and never answers", on(465, SSL).timeouts(SHORT)
            .script(s -> s.server.stall())
            .outcome(new ProbeOutcome.TimedOut(Step.TLS_HANDSHAKE))
            .finding(FindingCode.SERVER_TIMEOUT, "step", "TLS_HANDSHAKE")),

    STALLS_IN_THE_MIDDLE_OF_THE_EHLO_REPLY("sends two lines of a multi-line EHLO reply, then nothing",
            on(587, TLS).timeouts(SHORT)
            .script(s -> {
                s.greeting();
                s.server.expect(Script.EHLO).output("250-" + HOST, "250-PIPELINING").stall();
            })
            .outcome(new ProbeOutcome.TimedOut(Step.EHLO))
            .finding(FindingCode.SERVER_TIMEOUT, "step", "EHLO")),

    DNS_NEVER_ANSWERS("a name server that never answers (hostile DNS): the lookup must be given up, and its "
            + "thread must not linger", on(587, TLS).timeouts(SHORT)
            .resolver(port -> (host, p) -> {
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw HostileFixture.noSuchHost(host);
            })
            .outcome(new ProbeOutcome.DnsFailed(HOST, DnsFailure.TIMED_OUT))
            .finding(FindingCode.DNS_LOOKUP_FAILED, "host", HOST)),

    // ---- too much -------------------------------------------------------------------------------

    REPLY_LINE_OF_10_MB("sends a greeting line of 10 MB", on(587, TLS)
            .script(s -> s.server.sendRaw(hugeLine("220 ", 10 * 1024 * 1024)))
            .outcome(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.TOO_MUCH_DATA,
                    "server sent more than " + ByteBudget.DEFAULT_LIMIT + " bytes"))
            .result(r -> assertThat(r.bytesRead()).isLessThanOrEqualTo(ByteBudget.DEFAULT_LIMIT + 4096))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "TOO_MUCH_DATA", "step", "GREETING")),

    MULTI_LINE_REPLY_THAT_NEVER_ENDS("sends '220-' lines for ever", on(587, TLS)
            .script(s -> s.server.sendForever("220-" + HOST + " still greeting you"))
            .outcome(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.REPLY_TOO_LONG, "more than 100 lines"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "REPLY_TOO_LONG", "step", "GREETING")),

    REPLY_OF_100000_LINES("answers EHLO with 100 000 lines", on(587, TLS)
            .script(s -> {
                s.greeting();
                StringBuilder sb = new StringBuilder("250-" + HOST + "\r\n");
                for (int i = 0; i < 100_000; i++) {
                    sb.append("250-X-FEATURE-").append(i).append("\r\n");
                }
                sb.append("250 STARTTLS\r\n");
                s.server.expect(Script.EHLO).sendRaw(sb.toString().getBytes(StandardCharsets.US_ASCII));
            })
            .outcome(new ProbeOutcome.ProtocolViolation(Step.EHLO, Kind.REPLY_TOO_LONG, "more than 100 lines"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "REPLY_TOO_LONG", "step", "EHLO")),

    EHLO_WITH_A_1_MB_CAPABILITY_LINE("announces one capability of 1 000 000 bytes (under the 1 MiB budget): "
            + "cut, tolerated and reported", on(465, SSL)
            .script(s -> {
                s.server.implicitTls(GOOD);
                s.greeting();
                s.server.expect(Script.EHLO).output("250-" + HOST).sendRaw(hugeLine("250-", 1_000_000))
                        .output("250 AUTH PLAIN LOGIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.ehlo().orElseThrow().authMechanisms()).contains("PLAIN"))
            .finding(FindingCode.REPLY_DEVIATION, "deviation", "LINE_TRUNCATED", "ports", "465")),

    // ---- nonsense -------------------------------------------------------------------------------

    BARE_LF_LINE_ENDINGS("ends every line with LF alone, before and after STARTTLS", on(587, TLS)
            .script(s -> {
                s.server.sendRaw(lf("220 " + HOST + " ESMTP"));
                s.server.expect(Script.EHLO).sendRaw(lf("250-" + HOST, "250 STARTTLS"));
                s.server.expect("STARTTLS").sendRaw(lf("220 go ahead")).startTls(GOOD);
                s.server.expect(Script.EHLO).sendRaw(lf("250-" + HOST, "250 AUTH PLAIN"));
                s.server.expect("QUIT").sendRaw(lf("221 bye"));
            })
            .outcome(new ProbeOutcome.Completed())
            .finding(FindingCode.REPLY_DEVIATION, Severity.INFO, "deviation", "BARE_LF", "ports", "587")),

    NUL_AND_INVALID_UTF8("puts a NUL byte and bytes that are not UTF-8 into its greeting", on(465, SSL)
            .script(s -> {
                s.server.implicitTls(GOOD);
                s.server.sendRaw(concat("220 mail\0.example.test ".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3}, " ESMTP\r\n".getBytes(StandardCharsets.US_ASCII)));
                s.ehlo("AUTH PLAIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.greeting().orElseThrow().firstLine()).doesNotContain("\0").contains("\uFFFD"))
            .finding(FindingCode.REPLY_DEVIATION, "deviation", "CONTROL_CHARACTER")
            .finding(FindingCode.REPLY_DEVIATION, "deviation", "INVALID_UTF8")),

    REPLY_CODE_CHANGES_BETWEEN_LINES("answers EHLO with 250, 251 and 252 in one reply", on(465, SSL)
            .script(s -> {
                s.server.implicitTls(GOOD);
                s.greeting();
                s.server.expect(Script.EHLO).output("250-" + HOST, "251-PIPELINING", "252 AUTH PLAIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .finding(FindingCode.REPLY_DEVIATION, "deviation", "CODE_MISMATCH")),

    ESCAPE_SEQUENCES_IN_REPLIES("puts terminal escape sequences (title, clear screen, colours) into its replies",
            on(465, SSL)
            .script(s -> {
                s.server.implicitTls(GOOD);
                s.server.output("220 \u001b]0;owned\u0007\u001b[2J\u001b[31m" + HOST + " ESMTP");
                s.server.expect(Script.EHLO).output("250-" + HOST, "250-\u001b[1mPIPELINING", "250 AUTH PLAIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.greeting().orElseThrow().firstLine()).doesNotContain("\u001b", "\u0007"))
            .finding(FindingCode.REPLY_DEVIATION, "deviation", "CONTROL_CHARACTER")),

    INVISIBLE_AND_BIDI_CHARACTERS_IN_REPLIES("hides text with bidi overrides and isolates, zero-width characters, a "
            + "byte order mark, line separators and the C1 CSI in its replies", on(465, SSL)
            .script(s -> {
                s.server.implicitTls(GOOD);
                s.server.output("220 \uFEFF" + HOST + " \u202Epmtse\u202C ESMTP\u2028\u2029ready\u200B");
                s.server.expect(Script.EHLO).output("250-" + HOST + "\u2066\u2067\u2068\u2069\u200E\u200F\u061C",
                        "250-\u009B31mPIPELINING\u200C\u200D\u2060", "250 AUTH PLAIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> {
                assertThat(r.greeting().orElseThrow().firstLine())
                        .isEqualTo("\uFFFD" + HOST + " \uFFFDpmtse\uFFFD ESMTP\uFFFD\uFFFDready\uFFFD");
                assertThat(r.transcript()).allSatisfy(e -> assertThat(
                        dev.smtpdoctor.text.UntrustedText.needsCleaning(e.text().replace("\n", " "))).isFalse());
            })
            .finding(FindingCode.REPLY_DEVIATION, "deviation", "CONTROL_CHARACTER")),

    TALKS_BEFORE_THE_GREETING("sends a 250 line before its 220 greeting", on(587, TLS)
            .script(s -> s.server.output("250 hello, I talk first", "220 " + HOST + " ESMTP"))
            .outcome(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.UNEXPECTED_REPLY,
                    "250 hello, I talk first"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "UNEXPECTED_REPLY", "step", "GREETING")),

    SSH_ON_THE_SUBMISSION_PORT("is not a mail server at all: an SSH banner", on(587, TLS)
            .script(s -> s.server.output("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13"))
            .outcome(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.NOT_A_REPLY,
                    "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "NOT_A_REPLY",
                    "evidence", "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13")),

    GREETING_SENT_TWICE("sends its 220 greeting twice, so every later reply is one behind", on(587, TLS)
            .script(s -> {
                s.server.output("220 " + HOST + " ESMTP", "220 " + HOST + " ESMTP");
                s.ehlo("STARTTLS");
            })
            .outcome(new ProbeOutcome.ProtocolViolation(Step.EHLO, Kind.UNEXPECTED_REPLY, "220 " + HOST + " ESMTP"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "UNEXPECTED_REPLY", "step", "EHLO")),

    AUTH_CHALLENGE_NOT_BASE64("answers AUTH CRAM-MD5 with a challenge that is not base64", on(465, SSL).withPassword()
            .script(s -> {
                s.secureSession("AUTH CRAM-MD5");
                s.server.expect("AUTH CRAM-MD5").output("334 %%% not base64 %%%");
                s.server.expect("*").output("501 5.7.0 Authentication cancelled");
                s.quit();
            })
            .outcome(new ProbeOutcome.ProtocolViolation(Step.AUTH, Kind.BAD_AUTH_CHALLENGE, "%%% not base64 %%%"))
            .server(server -> assertThat(server.receivedLines()).containsExactly(Script.EHLO, "AUTH CRAM-MD5", "*",
                    "QUIT"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "BAD_AUTH_CHALLENGE", "step", "AUTH")),

    // ---- refusing and hanging up ----------------------------------------------------------------

    EVERY_COMMAND_GETS_421("greets, then answers every command with 421", on(587, TLS)
            .script(s -> {
                s.greeting();
                s.server.expect(Script.EHLO).output("421 4.3.2 Service shutting down");
            })
            .outcome(new ProbeOutcome.CommandRejected(Step.EHLO, Reply.of(421, "4.3.2 Service shutting down")))
            .finding(FindingCode.COMMAND_REJECTED, "step", "EHLO", "reply", "421 4.3.2 Service shutting down")),

    BUSY_GREETING_421("turns every connection away with a 421 greeting", on(587, TLS)
            .script(s -> s.server.output("421 4.7.0 " + HOST + " Too many connections, try again later"))
            .outcome(ProbeOutcome.GreetingRejected.class, Step.GREETING)
            .finding(FindingCode.GREETING_REJECTED, "reply",
                    "421 4.7.0 " + HOST + " Too many connections, try again later")),

    EHLO_AND_HELO_REFUSED("refuses both EHLO and HELO", on(25, NONE)
            .script(s -> {
                s.greeting();
                s.server.expect(Script.EHLO).output("502 5.5.2 Error: command not recognized");
                s.server.expect("HELO [127.0.0.1]").output("502 5.5.2 Error: command not recognized");
                s.quit();
            })
            .outcome(new ProbeOutcome.CommandRejected(Step.HELO, Reply.of(502, "5.5.2 Error: command not recognized")))
            .finding(FindingCode.COMMAND_REJECTED, "step", "HELO")),

    CLOSES_AFTER_THE_GREETING("greets, then hangs up", on(587, TLS)
            .script(s -> s.greeting().closeConnection())
            .outcome(new ProbeOutcome.ConnectionClosed(Step.EHLO, "connection closed by server"))
            .finding(FindingCode.CONNECTION_CLOSED, "step", "EHLO")),

    RESETS_AFTER_THE_GREETING("greets, then aborts the connection with a TCP reset instead of answering EHLO",
            on(587, TLS)
            .script(s -> s.greeting().expect(Script.EHLO).reset())
            .outcome(ProbeOutcome.ConnectionClosed.class, Step.EHLO)
            .finding(FindingCode.CONNECTION_CLOSED, "step", "EHLO")),

    // ---- TLS ------------------------------------------------------------------------------------

    PLAINTEXT_AFTER_STARTTLS_220("says 220 to STARTTLS, then answers the ClientHello in plain text", on(587, TLS)
            .script(s -> {
                s.greeting();
                s.ehlo("STARTTLS");
                s.server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS")
                        .raw("read the ClientHello", (in, out) -> TlsFlights.readRecord(in))
                        .output("250 " + HOST + " at your service");
            })
            .tlsFailed(Step.STARTTLS_HANDSHAKE, true, "")
            .finding(FindingCode.TLS_HANDSHAKE_FAILED, Severity.ERROR, "port", "587", "hint", "plaintext-after-starttls")),

    STARTTLS_INJECTION("sends more lines in the same packet as its 220 to STARTTLS (CVE-2011-0411 style)",
            on(587, TLS)
            .script(s -> {
                s.greeting();
                s.ehlo("STARTTLS");
                s.server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS", "250-injected", "250 AUTH PLAIN");
            })
            .outcome(new ProbeOutcome.ProtocolViolation(Step.STARTTLS, Kind.DATA_AFTER_STARTTLS,
                    "bytes after 220 to STARTTLS"))
            .finding(FindingCode.PROTOCOL_VIOLATION, "kind", "DATA_AFTER_STARTTLS")),

    STARTTLS_REFUSED("announces STARTTLS, then refuses it with 454", on(587, TLS)
            .script(s -> {
                s.greeting();
                s.ehlo("STARTTLS");
                s.server.expect("STARTTLS").output("454 4.7.0 TLS not available due to local problem");
                s.quit();
            })
            .outcome(new ProbeOutcome.StartTlsRejected(Reply.of(454, "4.7.0 TLS not available due to local problem")))
            .finding(FindingCode.STARTTLS_REJECTED, "reply", "454 4.7.0 TLS not available due to local problem")),

    RESET_IN_THE_MIDDLE_OF_THE_HANDSHAKE("reads the ClientHello, then resets the connection", on(465, SSL)
            .script(s -> s.server.raw("read the ClientHello", (in, out) -> TlsFlights.readRecord(in)).reset())
            .tlsFailed(Step.TLS_HANDSHAKE, false, "")
            .finding(FindingCode.TLS_HANDSHAKE_FAILED, "port", "465")),

    TLS_ALERT_INSTEAD_OF_SERVER_HELLO("answers the ClientHello with a fatal handshake_failure alert", on(465, SSL)
            .script(s -> s.server.raw("read the ClientHello", (in, out) -> TlsFlights.readRecord(in))
                    .sendRaw(TlsFlights.fatalAlert(40)))
            .tlsFailed(Step.TLS_HANDSHAKE, false, "handshake_failure")
            .finding(FindingCode.TLS_HANDSHAKE_FAILED, "port", "465")),

    CHAIN_OF_50_CERTIFICATES("presents a certificate chain of 50 certificates", on(465, SSL).withPassword()
            .script(s -> s.server.implicitTls(HostileCertificates.CHAIN_50))
            .tlsFailed(Step.TLS_HANDSHAKE, false, "chain length")
            .result(r -> assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REACHED))
            .finding(FindingCode.TLS_HANDSHAKE_FAILED, "port", "465")),

    GARBAGE_CERTIFICATE("sends bytes that are not a certificate in its Certificate message", on(465, SSL)
            .script(s -> s.server.raw("ServerHello and a garbage certificate", TlsFlights::garbageCertificate))
            .tlsFailed(Step.TLS_HANDSHAKE, false, "certificate")
            .finding(FindingCode.TLS_HANDSHAKE_FAILED, "port", "465")),

    SELF_SIGNED_CERTIFICATE("presents a self-signed certificate; the password must stay home", on(465, SSL)
            .withPassword()
            .script(s -> {
                s.server.implicitTls(HostileCertificates.SELF_SIGNED);
                s.greeting();
                s.ehlo("AUTH PLAIN LOGIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE))
            .server(server -> assertThat(server.authAttempts()).isEmpty())
            .finding(FindingCode.TLS_UNTRUSTED_CHAIN, Severity.ERROR, "kind", "self-signed")),

    CERTIFICATE_FOR_ANOTHER_NAME("presents the hosting provider's certificate, not one for the typed name",
            on(465, SSL).withPassword()
            .script(s -> {
                s.server.implicitTls(HostileCertificates.OTHER_NAME);
                s.greeting();
                s.ehlo("AUTH PLAIN LOGIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .server(server -> assertThat(server.authAttempts()).isEmpty())
            .finding(FindingCode.TLS_NAME_MISMATCH, Severity.ERROR, "names", "sv1234.hosting.test")),

    EXPIRED_CERTIFICATE("presents a certificate that expired three days ago", on(587, TLS).withPassword()
            .script(s -> {
                s.greeting();
                s.ehlo("STARTTLS");
                s.startTls(HostileCertificates.EXPIRED);
                s.ehlo("AUTH PLAIN LOGIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .server(server -> assertThat(server.authAttempts()).isEmpty())
            .finding(FindingCode.TLS_EXPIRED, Severity.ERROR)),

    ESCAPE_SEQUENCES_IN_THE_CERTIFICATE("puts terminal escape sequences into its certificate's names", on(465, SSL)
            .script(s -> {
                s.server.implicitTls(HostileCertificates.ESCAPES);
                s.greeting();
                s.ehlo("AUTH PLAIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .finding(FindingCode.TLS_NAME_MISMATCH, Severity.ERROR)),

    // ---- the wrong mode on a port ---------------------------------------------------------------

    PORT_25_TALKS_IMPLICIT_TLS("on port 25 waits for a TLS ClientHello instead of greeting", on(25, TLS)
            .alsoProbe(25, SSL).timeouts(SHORT)
            .script(s -> {
                s.server.implicitTls(GOOD); // the STARTTLS probe's connection: the server waits for a ClientHello
                s.server.nextConnection();
                s.secureSession("AUTH PLAIN LOGIN");
                s.quit();
            })
            .outcome(new ProbeOutcome.TimedOut(Step.GREETING))
            .finding(FindingCode.SECURITY_MODE_MISMATCH, Severity.ERROR, "hint", "tls-on-ssl-port", "port", "25")
            .assessment(a -> assertThat(a.has(FindingCode.SERVER_TIMEOUT)).as("blamed as a timeout").isFalse())),

    PORT_465_TALKS_PLAINTEXT("on port 465 greets in plain text (a STARTTLS port)", on(465, SSL)
            .script(s -> s.greeting())
            .tlsFailed(Step.TLS_HANDSHAKE, true, "")
            .finding(FindingCode.SECURITY_MODE_MISMATCH, Severity.ERROR, "hint", "plaintext-on-465", "port", "465")),

    // ---- credentials ----------------------------------------------------------------------------

    ANNOUNCES_AUTH_WITHOUT_MECHANISMS("announces 'AUTH' with no mechanism", on(465, SSL).withPassword()
            .script(s -> {
                s.secureSession("AUTH");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NO_SUPPORTED_MECHANISM))
            .server(server -> assertThat(server.authAttempts()).isEmpty())
            .finding(FindingCode.AUTH_MECHANISM_UNSUPPORTED, Severity.ERROR, "port", "465", "mechanisms", "-")),

    ANNOUNCES_ONLY_UNKNOWN_AUTH_MECHANISMS("announces only mechanisms nobody here speaks", on(465, SSL).withPassword()
            .script(s -> {
                s.secureSession("AUTH XOAUTH2 GSSAPI NTLM");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NO_SUPPORTED_MECHANISM))
            .finding(FindingCode.AUTH_MECHANISM_UNSUPPORTED, "mechanisms", "XOAUTH2 GSSAPI NTLM")),

    ANSWERS_538_TO_AUTH_IN_CLEAR("announces AUTH in the clear, then refuses it there: 538 Encryption required (Exim)",
            on(25, NONE).withPassword()
            .script(s -> {
                s.greeting();
                s.ehlo("AUTH PLAIN LOGIN");
                s.server.expect("AUTH PLAIN").output("538 5.7.11 Encryption required");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> {
                assertThat(r.authInClear()).hasValueSatisfying(x -> assertThat(x.code()).isEqualTo(538));
                assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_PLAINTEXT);
            })
            .server(server -> assertThat(server.authAttempts()).isEmpty())
            .finding(FindingCode.AUTH_REQUIRES_TLS, "port", "25")
            .assessment(a -> assertThat(a.has(FindingCode.AUTH_PLAINTEXT_OFFERED)).isFalse())),

    TAKES_A_PASSWORD_IN_CLEAR("announces AUTH in the clear and answers 334: it would read a password sent unencrypted",
            on(25, NONE).withPassword()
            .script(s -> {
                s.greeting();
                s.ehlo("AUTH PLAIN LOGIN");
                s.server.expect("AUTH PLAIN").output("334 ").expect("*").output("501 5.7.0 Authentication aborted");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .result(r -> {
                assertThat(r.authInClear()).hasValueSatisfying(x -> assertThat(x.code()).isEqualTo(334));
                assertThat(r.transcript()).extracting(e -> e.text()).contains("AUTH PLAIN", "*");
            })
            .server(server -> {
                assertThat(server.authAttempts()).isEmpty();
                assertThat(server.receivedLines()).containsExactly("EHLO [127.0.0.1]", "AUTH PLAIN", "*", "QUIT");
            })
            .finding(FindingCode.AUTH_PLAINTEXT_OFFERED, Severity.WARNING, "port", "25", "hint", "confirmed")),

    ACCEPTS_EVERY_PASSWORD("answers 235 to any password: one attempt cannot tell, and a second is not made",
            on(465, SSL).withPassword()
            .script(s -> {
                s.secureSession("AUTH PLAIN LOGIN");
                s.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
                s.server.expect("MAIL FROM:<*>").output("250 2.1.0 Ok");
                s.server.expect("RCPT TO:<*>").output("250 2.1.5 Ok");
                s.server.expect("RSET").output("250 2.0.0 Ok");
                s.quit();
            })
            .outcome(new ProbeOutcome.Completed())
            .server(server -> assertThat(server.authAttempts()).singleElement()
                    .satisfies(at -> assertThat(at.proves(PASSWORD)).isTrue()))
            .assessment(a -> {
                Recommendation r = a.recommendation();
                assertThat(r.kind()).isEqualTo(Recommendation.Kind.SECURE);
                assertThat(r.choice().orElseThrow().loginVerified()).isTrue();
                assertThat(r.choice().orElseThrow().port()).isEqualTo(465);
                assertThat(a.findings()).noneMatch(f -> f.severity().compareTo(Severity.INFO) < 0);
            })),

    ECHOES_THE_PASSWORD("refuses the login and echoes what it received, password included, in its 535",
            on(465, SSL).withPassword()
            .script(s -> {
                s.secureSession("AUTH PLAIN");
                s.server.expectAuth("PLAIN", at -> "535 5.7.8 Bad credentials " + at.username() + " "
                        + at.password().orElse("") + " " + Base64.getEncoder().encodeToString(
                                ("\0" + at.username() + "\0" + at.password().orElse(""))
                                        .getBytes(StandardCharsets.UTF_8)));
                s.quit();
            })
            .outcome(ProbeOutcome.AuthRejected.class, Step.AUTH)
            .result(r -> assertThat(r.auth().reply().orElseThrow().firstLine()).doesNotContain(PASSWORD)
                    .contains("[redacted]"))
            .finding(FindingCode.AUTH_FAILED, Severity.ERROR, "port", "465"));

    private final String story;
    private final Scenario scenario;

    HostileServer(String story, Scenario scenario) {
        this.story = story;
        this.scenario = scenario;
    }

    String story() {
        return story;
    }

    Scenario scenario() {
        return scenario;
    }

    /** {@code prefix} followed by {@code length} letters and CRLF: one enormous line. */
    static byte[] hugeLine(String prefix, int length) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[p.length + length + 2];
        System.arraycopy(p, 0, line, 0, p.length);
        Arrays.fill(line, p.length, p.length + length, (byte) 'x');
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    /** The lines, each ended by a bare LF. */
    static byte[] lf(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
