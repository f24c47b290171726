package dev.smtpdoctor.diagnosis;

import java.util.List;

/** Every rule, in the order their findings are listed within a severity (the helpers they share: {@link RuleSupport}). */
public final class Rules {

    /** All rules the diagnoser runs. */
    public static final List<Rule> ALL = List.of(
            new DnsRule(),
            new ConnectRule(),
            new Port25Rule(),
            new GreetingRule(),
            new SecurityModeRule(),
            new StartTlsRule(),
            new TlsHandshakeRule(),
            new CertificateRule(),
            new CertificateNameRule(),
            new AuthOfferRule(),
            new AuthRequiresTlsRule(),
            new AuthFailedRule(),
            new SenderRule(),
            new ProviderRule(),
            new ServerBehaviourRule(),
            new InternalErrorRule(),
            new DiscoveryRule(),
            new ReplyDeviationRule());

    private Rules() {
    }
}
