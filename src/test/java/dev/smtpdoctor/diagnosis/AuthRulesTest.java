package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.serverOnly;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.diagnosis.RuleTable.e;
import static dev.smtpdoctor.diagnosis.RuleTable.row;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.RuleTable.Case;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.model.Security;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** AuthOfferRule, AuthRequiresTlsRule, AuthFailedRule, SenderRule. */
class AuthRulesTest {

    static final String H = "mail.example.jp";

    static Stream<Case> authOffer() {
        return Stream.of(
                row("no AUTH inside TLS on the chosen port", typedSettings(H, 465, SSL).password()
                                .with(probe(H, 465, SSL).ehlo("SIZE 1").auth(AuthResult.Status.NOT_OFFERED).build()),
                        e(FindingCode.AUTH_NOT_OFFERED, Severity.ERROR, "host", H, "port", "465")),
                row("no AUTH, no credentials given", typedSettings(H, 465, SSL)
                                .with(probe(H, 465, SSL).ehlo("SIZE 1").build()),
                        e(FindingCode.AUTH_NOT_OFFERED, Severity.ERROR, "port", "465")),
                row("port 25 unsecured without AUTH but AUTH inside TLS: that is AUTH_REQUIRES_TLS",
                        typedSettings(H, 587, TLS).with(probe(H, 587, TLS).build(), probe(H, 25, TLS).build(),
                                probe(H, 25, NONE).build())),
                row("only a mechanism Gmail cannot use", typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL)
                                .ehlo("AUTH XOAUTH2").auth(AuthResult.Status.NO_SUPPORTED_MECHANISM).build()),
                        e(FindingCode.AUTH_MECHANISM_UNSUPPORTED, Severity.ERROR, "mechanisms", "XOAUTH2")),
                row("AUTH announced with no mechanism at all", typedSettings(H, 465, SSL).password().with(probe(H, 465,
                                SSL).ehlo("AUTH").auth(AuthResult.Status.NO_SUPPORTED_MECHANISM).build()),
                        e(FindingCode.AUTH_MECHANISM_UNSUPPORTED, Severity.ERROR, "mechanisms", "-")),
                row("534 mechanism too weak", typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL)
                                .authRejected(534, "5.7.9 Authentication mechanism is too weak").build()),
                        e(FindingCode.AUTH_MECHANISM_UNSUPPORTED, Severity.ERROR, "mechanisms", "PLAIN")),
                row("password login offered before STARTTLS: a note", typedSettings(H, 587, TLS)
                                .with(probe(H, 587, TLS).ehlo("STARTTLS", "AUTH PLAIN LOGIN").build()),
                        e(FindingCode.AUTH_PLAINTEXT_OFFERED, Severity.INFO, "port", "587")),
                row("the user chose it unsecured: a warning", typedSettings(H, 25, NONE)
                                .with(probe(H, 25, NONE).ehlo("STARTTLS", "AUTH PLAIN LOGIN").build()),
                        e(FindingCode.AUTH_PLAINTEXT_OFFERED, Severity.WARNING, "port", "25")),
                row("healthy", typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL).authAccepted().build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authOffer(Case c) {
        RuleTable.check(new AuthOfferRule(), c);
    }

    static Stream<Case> authRequiresTls() {
        return Stream.of(
                row("538 to AUTH without TLS, unsecured chosen", typedSettings(H, 25, NONE).password().allowPlaintext()
                                .with(probe(H, 25, NONE).ehlo("AUTH PLAIN")
                                        .authRejected(538, "5.7.11 Encryption required for requested authentication mechanism")
                                        .build()),
                        e(FindingCode.AUTH_REQUIRES_TLS, Severity.ERROR, "port", "25", "reply",
                                "538 5.7.11 Encryption required for requested authentication mechanism")),
                row("530 STARTTLS first, to MAIL FROM", typedSettings(H, 25, NONE)
                                .with(probe(H, 25, NONE).senderRejected(530, "5.7.0 Must issue a STARTTLS command first")
                                        .build()),
                        e(FindingCode.AUTH_REQUIRES_TLS, Severity.ERROR, "reply",
                                "530 5.7.0 Must issue a STARTTLS command first")),
                row("AUTH announced only after STARTTLS, user chose TLS: good practice, a note",
                        typedSettings(H, 587, TLS).with(probe(H, 587, TLS).build(), probe(H, 587, NONE).build()),
                        e(FindingCode.AUTH_REQUIRES_TLS, Severity.INFO, "port", "587")),
                row("530 authentication required (no TLS in it) is not about TLS", typedSettings(H, 25, NONE)
                        .with(probe(H, 25, NONE).ehlo("AUTH PLAIN")
                                .senderRejected(530, "5.7.0 Authentication required").build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authRequiresTls(Case c) {
        RuleTable.check(new AuthRequiresTlsRule(), c);
    }

    static Case refused(String name, String host, String username, int code, String text, String hint, Field field) {
        Probes.Obs obs = serverOnly(host).password();
        if (username != null) {
            obs.username(username);
        }
        return row(name, obs.with(probe(host, 465, Security.SSL).authRejected(code, text).build()),
                e(FindingCode.AUTH_FAILED, Severity.ERROR, "host", host, "port", "465",
                        "reply", code + " " + text, "username", username == null ? Probes.MAIL_ADDRESS : username,
                        "hint", hint));
    }

    static Stream<Case> authFailed() {
        return Stream.of(
                refused("wrong password, generic", H, "you@example.jp", 535, "5.7.8 Authentication credentials invalid",
                        "username-form", Field.PASSWORD),
                refused("no username typed: the address is what Gmail sends", H, null, 535, "5.7.8 Error: authentication failed",
                        "username-form", Field.PASSWORD),
                refused("Google wants an App Password", "smtp.gmail.com", "you@gmail.com", 535,
                        "5.7.8 Username and Password not accepted. For more information, go to", "app-password-google",
                        Field.PASSWORD),
                refused("Google 534 application-specific password", "smtp.gmail.com", "you@gmail.com", 534,
                        "5.7.9 Application-specific password required", "app-password-google", Field.PASSWORD),
                refused("Microsoft 365 SMTP AUTH disabled", "smtp.office365.com", "you@example.jp", 535,
                        "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
                        "m365-smtp-auth-disabled", Field.PASSWORD),
                refused("Microsoft 365 basic auth retired", "smtp.office365.com", "you@example.jp", 550,
                        "5.7.30 Basic authentication is not supported for Client Submission.", "m365-basic-auth-retired",
                        Field.PASSWORD),
                refused("KAGOYA wants the account id", "smtp.kagoya.net", "you@example.jp", 535,
                        "5.7.8 Authentication failed", "username-account-id", Field.USERNAME),
                refused("Xserver wants the full address", "sv1234.xserver.jp", "you", 535,
                        "5.7.8 Authentication failed", "username-full-address", Field.USERNAME),
                refused("Zoho app-specific password", "smtppro.zoho.jp", "you@example.jp", 535,
                        "Authentication Failed", "app-password-zoho", Field.PASSWORD),
                refused("Yahoo wants an app password (knowledge base)", "smtp.mail.yahoo.com", "you@yahoo.com", 535,
                        "5.7.8 Authentication failed", "app-password", Field.PASSWORD),
                refused("Outlook.com wants an app password (knowledge base)", "smtp-mail.outlook.com", "you@outlook.com", 535,
                        "5.7.8 Authentication failed", "app-password", Field.PASSWORD),
                refused("Yahoo! JAPAN wants the account name, not the address", "smtp.mail.yahoo.co.jp", "taro@yahoo.co.jp",
                        535, "5.7.8 Authentication failed", "username-account-name", Field.USERNAME),
                refused("OVH wants the full address", "ssl0.ovh.net", "you", 535,
                        "5.7.8 Authentication failed", "username-full-address", Field.USERNAME),
                refused("temporary failure", H, "you@example.jp", 454, "4.7.0 Temporary authentication failure",
                        "temporary", Field.PASSWORD),
                row("530 to AUTH is about TLS, not the password", typedSettings(H, 25, NONE).password().allowPlaintext()
                        .with(probe(H, 25, NONE).ehlo("AUTH PLAIN")
                                .authRejected(530, "5.7.0 Must issue a STARTTLS command first").build())),
                row("a guess never gets the password, so never reports a refusal", typedSettings(H, 465, SSL).password()
                        .with(completedSsl(H), probe("smtp.example.jp", 465, SSL)
                                .authRejected(535, "5.7.8 Authentication credentials invalid").build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authFailed(Case c) {
        var found = RuleTable.check(new AuthFailedRule(), c);
        for (Finding f : found) {
            String hint = f.args().get("hint");
            assertThat(f.field()).contains(
                    hint.startsWith("username") ? Field.USERNAME : Field.PASSWORD);
        }
    }

    static Stream<Case> sender() {
        return Stream.of(
                row("553 after login", typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL).authAccepted()
                                .senderRejected(553, "5.7.1 <you@example.jp>: Sender address rejected: not owned by user")
                                .build()),
                        e(FindingCode.SENDER_NOT_OWNED, Severity.ERROR, "address", Probes.MAIL_ADDRESS,
                                "username", Probes.MAIL_ADDRESS)),
                row("550 after login", typedSettings(H, 465, SSL).password().username("other@example.jp")
                                .with(probe(H, 465, SSL).authAccepted().senderRejected(550, "5.7.60 not allowed").build()),
                        e(FindingCode.SENDER_NOT_OWNED, Severity.ERROR, "username", "other@example.jp")),
                row("refused without login: only 'log in first', not ownership", typedSettings(H, 465, SSL)
                        .with(probe(H, 465, SSL).senderRejected(530, "5.7.0 Authentication required").build())),
                // OpenSMTPD (smtp_session.c): the exact reply, no enhanced code; 530 is not "log in first" here.
                row("OpenSMTPD 530 Sender rejected after login", typedSettings(H, 465, SSL).password()
                                .with(probe(H, 465, SSL).authAccepted().senderRejected(530, "Sender rejected").build()),
                        e(FindingCode.SENDER_NOT_OWNED, Severity.ERROR, "reply", "530 Sender rejected")),
                row("Postfix reject_sender_login_mismatch, whole reply", typedSettings(H, 587, TLS).password()
                                .with(probe(H, 587, TLS).authAccepted().senderRejected(553,
                                        "5.7.1 <a@b>: Sender address rejected: not owned by user x").build()),
                        e(FindingCode.SENDER_NOT_OWNED, Severity.ERROR, "reply",
                                "553 5.7.1 <a@b>: Sender address rejected: not owned by user x")),
                row("Microsoft 554 5.2.252 SendAsDenied", typedSettings(H, 587, TLS).password()
                                .with(probe(H, 587, TLS).authAccepted().senderRejected(554, "5.2.252 SendAsDenied;"
                                        + " user@contoso.com not allowed to send as you@example.jp; STOREDRV.Submission")
                                        .build()),
                        e(FindingCode.SENDER_NOT_OWNED, Severity.ERROR)),
                row("530 5.7.0 Authentication required before login: not ownership", typedSettings(H, 587, TLS)
                        .password().with(probe(H, 587, TLS).senderRejected(530, "5.7.0 Authentication required")
                                .build())),
                row("5xx after login that does not name the sender: not ownership", typedSettings(H, 587, TLS)
                        .password().with(probe(H, 587, TLS).authAccepted().senderRejected(554,
                                "5.7.1 Service unavailable; client host blocked").build())),
                row("4xx after login is no verdict on the sender", typedSettings(H, 587, TLS).password()
                        .with(probe(H, 587, TLS).authAccepted().senderRejected(451, "4.7.1 Sender temporarily deferred")
                                .build())));
    }

    /** The whole diagnosis of OpenSMTPD's refusal: the sender, and Gmail's bounce — not a login or TLS problem. */
    @Test
    void openSmtpdSenderRejectedIsTheSenderNotTheLogin() {
        Assessment a = Diagnoser.assess(typedSettings(H, 465, SSL).password()
                .with(probe(H, 465, SSL).authAccepted().senderRejected(530, "Sender rejected").build()).build());
        assertThat(a.has(FindingCode.SENDER_NOT_OWNED)).isTrue();
        assertThat(a.findings()).extracting(Finding::code)
                .doesNotContain(FindingCode.AUTH_REQUIRES_TLS, FindingCode.AUTH_NOT_OFFERED, FindingCode.AUTH_FAILED,
                        FindingCode.COMMAND_REJECTED);
        assertThat(a.gmail()).filteredOn(v -> v.port() == 465 && v.security() == SSL)
                .singleElement().satisfies(v -> {
                    assertThat(v.cause()).contains(FindingCode.SENDER_NOT_OWNED);
                    assertThat(v.message()).contains(KnownMessage.SEND_AS_BOUNCE);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void sender(Case c) {
        RuleTable.check(new SenderRule(), c);
    }
}
