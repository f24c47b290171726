package dev.smtpdoctor.demo;

import dev.smtpdoctor.demo.DemoListener.Transport;
import dev.smtpdoctor.demo.Plan.Port;
import dev.smtpdoctor.model.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The situations {@code smtp-doctor demo} reproduces, each on its own freshly started loopback servers.
 *
 * <p>The cast is the same in every scenario: Taro owns {@code taro@example-shop.test}, a mailbox at a
 * shared-hosting company, and adds it to Gmail's "Send mail as". His domain's mail server is known as
 * {@code mail.example-shop.test}; {@code smtp.example-shop.test} and {@code example-shop.test} itself do not
 * exist in DNS (so guessing them leads nowhere). His password is the non-secret demo value
 * {@value #PASSWORD}. All names end in {@code .test} (RFC 2606): none of them can exist on the Internet.
 *
 * <p>Unless a scenario says otherwise, the server is a typical shared-hosting machine: 465 implicit TLS and
 * 587 STARTTLS (required) for submission, and 25 with STARTTLS offered but optional, where AUTH also works
 * without TLS — which is why the guides' "port 25 + Unsecured connection" fallback "works" there.
 */
public enum DemoScenario {

    /**
     * The classic failure, and the default. The certificate of a shared-hosting server names the
     * provider's machine ({@code sv1234.demo-hosting.test}, like {@code sv1234.xserver.jp}), never the
     * customer's domain; the user typed {@code mail.example-shop.test}, which is a name for the same
     * machine (the same address) but not in the certificate, so Gmail says "TLS Negotiation failed, the
     * certificate doesn't match the host." The chain is fine (signed by the demo CA). The fix is one field:
     * type {@code sv1234.demo-hosting.test}, found in the certificate itself and resolving to the same
     * address. Typed: {@code mail.example-shop.test}, 587, TLS (Gmail's recommended option).
     */
    SHARED_HOSTING("shared-hosting") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return new Plan(PROVIDER_HOST, List.of(MAIL_HOST, PROVIDER_HOST),
                    Optional.of(certificates.leaf(PROVIDER_HOST)), SHARED_HOSTING_PORTS, Map.of(ADDRESS, PASSWORD), false,
                    new TypedSettings(MAIL_HOST, 587, Security.TLS, ADDRESS), PASSWORD);
        }
    },

    /**
     * A self-run server (a VPS, a NAS, an office box) still presenting the self-signed certificate its
     * installer generated, like Debian's {@code ssl-cert-snakeoil}. The name is right; the chain leads
     * nowhere, and Gmail reports it with the same "doesn't match the host" text. Only the insecure port-25
     * route would work. Typed: {@code mail.example-shop.test}, 587, TLS.
     */
    SELF_SIGNED("self-signed") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return standard(certificates.selfSigned(), new TypedSettings(MAIL_HOST, 587, Security.TLS, ADDRESS));
        }
    },

    /**
     * A certificate for the right name from a trusted CA (the demo CA) that expired twelve days ago — an
     * automatic renewal (Let's Encrypt's 90 days) that silently stopped. Typed:
     * {@code mail.example-shop.test}, 465, SSL.
     */
    EXPIRED("expired") {
        @Override
        Plan plan(DemoCertificates certificates) {
            DemoCertificate expired = certificates.expired(EXPIRED_AGO, Instant.now());
            return standard(expired, new TypedSettings(MAIL_HOST, 465, Security.SSL, ADDRESS));
        }
    },

    /**
     * A server without any TLS configured (an old Postfix without {@code smtpd_tls_cert_file}): 587 answers
     * but its EHLO lists no STARTTLS — Gmail: "STARTTLS not supported and the user requires enforcement.,
     * code: 500" — and offers AUTH in plaintext; 465 is closed (connection refused); 25 is plain too.
     * Typed: {@code mail.example-shop.test}, 587, TLS.
     */
    NO_STARTTLS("no-starttls") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return new Plan(MAIL_HOST, List.of(MAIL_HOST), Optional.empty(),
                    List.of(Port.submission(587, Transport.PLAIN), Port.relay(25, Transport.PLAIN)),
                    Map.of(ADDRESS, PASSWORD), false, new TypedSettings(MAIL_HOST, 587, Security.TLS, ADDRESS),
                    PASSWORD);
        }
    },

    /**
     * Everything on the server is right (certificate for {@code mail.example-shop.test} from the demo CA),
     * but the user typed a wrong password (two digits swapped): {@code 535} to AUTH, Gmail's
     * "Authentication failed. Please check your username/password." The demo run sends
     * {@link RunningDemo#passwordToUse()}, not the mailbox's password. Typed: {@code mail.example-shop.test},
     * 465, SSL.
     */
    WRONG_PASSWORD("wrong-password") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return standard(certificates.leaf(MAIL_HOST), new TypedSettings(MAIL_HOST, 465, Security.SSL, ADDRESS))
                    .withPasswordToUse(WRONG_PASSWORD_TYPED);
        }
    },

    /**
     * Login works, but as another mailbox: the user typed the username of the domain's shared
     * {@code info@example-shop.test} account (valid, same demo password) while adding
     * {@code taro@example-shop.test}. The server, like Postfix with {@code reject_sender_login_mismatch},
     * refuses {@code MAIL FROM:<taro@example-shop.test>} with
     * {@code 553 5.7.1 <taro@example-shop.test>: Sender address rejected: not owned by user info@example-shop.test}.
     * Gmail's check passes (it only logs in); every message sent later bounces. Typed:
     * {@code mail.example-shop.test}, 465, SSL, username {@code info@example-shop.test}.
     */
    SENDER_NOT_OWNED("sender-not-owned") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return standard(certificates.leaf(MAIL_HOST), new TypedSettings(MAIL_HOST, 465, Security.SSL, OTHER_MAILBOX))
                    .withAccounts(Map.of(ADDRESS, PASSWORD, OTHER_MAILBOX, PASSWORD));
        }
    },

    /**
     * A correctly configured server behind an anti-spam front end that greets slowly, like Postfix
     * postscreen (default {@code postscreen_greet_wait} 6 s): {@code 220-} at once, the final {@code 220 }
     * line after the delay ({@link DemoOptions#greetingDelay()}), on every port. Nothing is wrong; a client
     * that gives up early calls it a timeout. Typed: {@code mail.example-shop.test}, 587, TLS.
     */
    GREETING_DELAY("greeting-delay") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return standard(certificates.leaf(MAIL_HOST), new TypedSettings(MAIL_HOST, 587, Security.TLS, ADDRESS))
                    .delayingGreeting();
        }
    },

    /**
     * A legacy host that offers nothing encrypted: 465 and 587 are closed (connection refused), 25 answers
     * without STARTTLS and takes AUTH in plaintext. "Port 25 + Unsecured connection" is the only thing that
     * works, and the tool may recommend it only with its risks spelled out (password and mail readable and
     * alterable on the way) and what the provider must change. Typed: {@code mail.example-shop.test}, 587,
     * TLS (Gmail's default).
     */
    ONLY_UNSECURED("only-unsecured") {
        @Override
        Plan plan(DemoCertificates certificates) {
            return new Plan(MAIL_HOST, List.of(MAIL_HOST), Optional.empty(), List.of(Port.relay(25, Transport.PLAIN)),
                    Map.of(ADDRESS, PASSWORD), false, new TypedSettings(MAIL_HOST, 587, Security.TLS, ADDRESS),
                    PASSWORD);
        }
    };

    /** The scenario {@code smtp-doctor demo} runs when none is named. */
    public static final DemoScenario DEFAULT = SHARED_HOSTING;

    /** The address being added to Gmail in every scenario. */
    static final String ADDRESS = "taro@example-shop.test";
    static final String MAIL_HOST = "mail.example-shop.test";
    static final String PROVIDER_HOST = "sv1234.demo-hosting.test";

    /**
     * The demo provider's server name, which the demo user has confirmed with "their provider": the demo
     * checks with {@code --trust-certificate-name} for it, so the one login test can go there.
     */
    public static String providerHost() {
        return PROVIDER_HOST;
    }
    static final String OTHER_MAILBOX = "info@example-shop.test";
    /** The demo mailboxes' password: a fixed, public, non-secret value. */
    static final String PASSWORD = "demo-password-1234";
    static final String WRONG_PASSWORD_TYPED = "demo-password-1243";
    /** How long ago the expired scenario's certificate expired, on whatever day the demo runs. */
    static final Duration EXPIRED_AGO = Duration.ofDays(12);

    private static final List<Port> SHARED_HOSTING_PORTS = List.of(
            Port.submission(465, Transport.IMPLICIT_TLS),
            Port.submission(587, Transport.STARTTLS_REQUIRED),
            Port.relay(25, Transport.STARTTLS_OPTIONAL));

    private final String id;

    DemoScenario(String id) {
        this.id = id;
    }

    /** The stable name used on the command line and in JSON, e.g. {@code shared-hosting}. */
    public String id() {
        return id;
    }

    /** The address the demo user adds to Gmail, in every scenario. */
    public static String address() {
        return ADDRESS;
    }

    /**
     * What this scenario's user typed into Gmail's SMTP page, without starting anything (the committed
     * certificates are read once): what the web page's demo fills in.
     */
    public TypedSettings typed() {
        return plan(DemoCertificates.get()).typed();
    }

    /** What this scenario's user typed into Gmail's password field ({@link RunningDemo#passwordToUse()}). */
    public String passwordToUse() {
        return plan(DemoCertificates.get()).passwordToUse();
    }

    /** The message-bundle key of the one-line description: {@code demo.scenario.<id>}. */
    public String descriptionKey() {
        return "demo.scenario." + id;
    }

    /** By {@link #id()}, ignoring case and surrounding spaces. */
    public static Optional<DemoScenario> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (DemoScenario s : values()) {
            if (s.id.equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the demo CA and certificates (committed fixtures), starts the servers on 127.0.0.1 and returns once they accept
     * connections. The caller closes the result.
     *
     * @throws IllegalStateException when a socket cannot be bound
     */
    public RunningDemo start() {
        return start(DemoOptions.DEFAULT);
    }

    public RunningDemo start(DemoOptions options) {
        return RunningDemo.start(this, options);
    }

    abstract Plan plan(DemoCertificates certificates);

    /** The usual shared-hosting listeners on {@code mail.example-shop.test}, presenting {@code certificate}. */
    private static Plan standard(DemoCertificate certificate, TypedSettings typed) {
        return new Plan(MAIL_HOST, List.of(MAIL_HOST), Optional.of(certificate), SHARED_HOSTING_PORTS,
                Map.of(ADDRESS, PASSWORD), false, typed, PASSWORD);
    }
}
