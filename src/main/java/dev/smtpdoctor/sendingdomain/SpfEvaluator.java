package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.sendingdomain.SpfTerm.Directive;
import dev.smtpdoctor.sendingdomain.SpfTerm.Mechanism;
import dev.smtpdoctor.sendingdomain.SpfTerm.Modifier;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SPF's check_host(ip, domain, sender) (RFC 7208 §4), over the {@link Dns} given.
 *
 * <p>Implemented: record selection (§4.5), the whole-record syntax check (§4.6), the mechanisms
 * {@code all include a mx ptr ip4 ip6 exists} (§5) with dual CIDR lengths, the {@code redirect}
 * modifier (§6.1, ignored when the record has {@code all}), the limits of §4.6.4 (10 mechanisms and
 * modifiers needing DNS, 2 void lookups, 10 MX names; only the first 10 PTR names), and macros
 * (§7, see {@link SpfMacro} for {@code %{p}} and {@code %{h}}). {@code exp=} is checked for syntax but
 * never fetched: this tool reports no explanation strings. {@code ptr} follows §5.5, including that a
 * DNS error during it is just "no match", not temperror.
 *
 * <p>Pure apart from the DNS questions; thread-safe (each call keeps its own counters).
 */
public final class SpfEvaluator {

    public static final int MAX_LOOKUPS = 10;
    public static final int MAX_VOID_LOOKUPS = 2;
    static final int MAX_NAMES = 10;

    private final Dns dns;

    public SpfEvaluator(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    /**
     * check_host() for {@code ip} sending mail from {@code sender} (the envelope address; its domain is
     * checked). {@code helo} fills {@code %{h}}.
     */
    public SpfResult check(InetAddress ip, String sender, String helo) {
        String domain = HostName.normalise(sender.substring(sender.lastIndexOf('@') + 1));
        return check(ip, domain, sender, helo);
    }

    /** check_host() with the domain given separately from the sender (as for an {@code include}). */
    public SpfResult check(InetAddress ip, String domain, String sender, String helo) {
        Run run = new Run(ip, sender, helo);
        String d = HostName.normalise(domain);
        try {
            Outcome o = run.checkHost(d);
            return new SpfResult(o.verdict, d, o.record, o.decidedBy, Optional.empty(), Optional.empty(),
                    run.lookups, run.voids);
        } catch (Stop s) {
            return new SpfResult(s.verdict, d, run.topRecord, Optional.empty(), Optional.of(s.problem),
                    Optional.ofNullable(s.detail), run.lookups, run.voids);
        }
    }

    /** The domain's record without evaluating it: for when the delivering address is not known. */
    public SpfRecordLookup lookup(String domain) {
        String d = HostName.normalise(domain);
        if (!DomainNames.isMultiLabel(d)) {
            return SpfRecordLookup.of(SpfRecordLookup.Status.NONE, d);
        }
        DnsResult<String> txt = dns.txt(d);
        if (txt instanceof DnsResult.ServerFailure<String> || txt instanceof DnsResult.TimedOut<String>) {
            return new SpfRecordLookup(SpfRecordLookup.Status.DNS_FAILURE, d, Optional.empty(),
                    Optional.of(SpfProblem.DNS_FAILURE), Optional.of(DomainDns.kind(txt)));
        }
        List<String> spf = txt.records().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            return SpfRecordLookup.of(SpfRecordLookup.Status.NONE, d);
        }
        if (spf.size() > 1) {
            return new SpfRecordLookup(SpfRecordLookup.Status.MULTIPLE, d, Optional.of(spf.get(0)),
                    Optional.of(SpfProblem.MULTIPLE_RECORDS), Optional.of(d));
        }
        try {
            SpfRecord.parse(spf.get(0));
            return new SpfRecordLookup(SpfRecordLookup.Status.FOUND, d, Optional.of(spf.get(0)), Optional.empty(),
                    Optional.empty());
        } catch (SpfSyntaxException e) {
            return new SpfRecordLookup(SpfRecordLookup.Status.INVALID, d, Optional.of(spf.get(0)),
                    Optional.of(e.problem()), Optional.of(e.term()));
        }
    }

    private record Outcome(SpfVerdict verdict, Optional<String> record, Optional<String> decidedBy) {
    }

    /** Ends check_host() at once: permerror or temperror, wherever in the include tree it happened. */
    private static final class Stop extends Exception {
        final SpfVerdict verdict;
        final SpfProblem problem;
        final String detail;

        Stop(SpfVerdict verdict, SpfProblem problem, String detail) {
            super(null, null, false, false);
            this.verdict = verdict;
            this.problem = problem;
            this.detail = detail;
        }

        static Stop perm(SpfProblem p, String detail) {
            return new Stop(SpfVerdict.PERMERROR, p, detail);
        }

        static Stop temp(String detail) {
            return new Stop(SpfVerdict.TEMPERROR, SpfProblem.DNS_FAILURE, detail);
        }
    }

    /** One evaluation: the counters of §4.6.4 are shared across includes and redirects. */
    private final class Run {
        private final InetAddress ip;
        private final String sender;
        private final String helo;
        int lookups;
        int voids;
        Optional<String> topRecord = Optional.empty();
        private int depth;

        Run(InetAddress ip, String sender, String helo) {
            this.ip = ip;
            this.sender = sender;
            this.helo = helo;
        }

        Outcome checkHost(String domain) throws Stop {
            if (!DomainNames.isMultiLabel(domain)) {
                return new Outcome(SpfVerdict.NONE, Optional.empty(), Optional.empty());
            }
            SpfRecordLookup found = lookup(domain);
            if (depth == 0) {
                topRecord = found.record();
            }
            switch (found.status()) {
                case NONE -> {
                    return new Outcome(SpfVerdict.NONE, Optional.empty(), Optional.empty());
                }
                case DNS_FAILURE -> throw Stop.temp(domain);
                case MULTIPLE -> throw Stop.perm(SpfProblem.MULTIPLE_RECORDS, domain);
                case INVALID -> throw Stop.perm(found.problem().orElseThrow(), found.detail().orElse(""));
                case FOUND -> {
                    // evaluated below
                }
            }
            SpfRecord rec;
            try {
                rec = SpfRecord.parse(found.record().orElseThrow());
            } catch (SpfSyntaxException e) {
                throw Stop.perm(e.problem(), e.term());
            }
            SpfMacro.Context ctx = new SpfMacro.Context(sender, domain, ip, helo);
            for (Directive d : rec.directives()) {
                if (d.mechanism().needsLookup()) {
                    countLookup(d.text());
                }
                if (matches(d, ctx)) {
                    return new Outcome(d.qualifier(), found.record(), Optional.of(d.text()));
                }
            }
            if (rec.redirect().isPresent() && !rec.hasAll()) {
                Modifier redirect = rec.redirect().get();
                countLookup(redirect.text());
                String target = expand(redirect.value(), ctx);
                Outcome o = nested(target);
                if (o.verdict == SpfVerdict.NONE) {
                    throw Stop.perm(SpfProblem.REDIRECT_WITHOUT_RECORD, target);
                }
                return new Outcome(o.verdict, found.record(), Optional.of(redirect.text()));
            }
            return new Outcome(SpfVerdict.NEUTRAL, found.record(), Optional.empty());
        }

        private Outcome nested(String domain) throws Stop {
            depth++;
            try {
                return checkHost(domain);
            } finally {
                depth--;
            }
        }

        private boolean matches(Directive d, SpfMacro.Context ctx) throws Stop {
            boolean v6 = ip instanceof Inet6Address;
            int prefix = v6 ? d.cidr6() : d.cidr4();
            return switch (d.mechanism()) {
                case ALL -> true;
                case IP4, IP6 -> Cidr.matches(ip, d.network().orElseThrow(), d.mechanism() == Mechanism.IP4
                        ? d.cidr4() : d.cidr6());
                case A -> anyMatch(addresses(target(d, ctx), v6, true), prefix);
                case MX -> mx(target(d, ctx), v6, prefix);
                case PTR -> ptr(target(d, ctx), v6);
                case EXISTS -> !addresses(target(d, ctx), false, true).isEmpty();
                case INCLUDE -> {
                    String target = target(d, ctx);
                    Outcome o = nested(target);
                    if (o.verdict == SpfVerdict.NONE) {
                        throw Stop.perm(SpfProblem.INCLUDE_WITHOUT_RECORD, target);
                    }
                    yield o.verdict == SpfVerdict.PASS;
                }
            };
        }

        private boolean mx(String domain, boolean v6, int prefix) throws Stop {
            DnsResult<MxRecord> r = dns.mx(domain);
            List<String> names = new ArrayList<>();
            switch (r) {
                case DnsResult.Found<MxRecord> f -> f.records().stream().filter(m -> !m.isNullMx())
                        .forEach(m -> names.add(m.exchange()));
                case DnsResult.NoSuchDomain<MxRecord> n -> voidLookup(domain);
                case DnsResult.NoData<MxRecord> n -> voidLookup(domain);
                case DnsResult.ServerFailure<MxRecord> f -> throw Stop.temp(domain);
                case DnsResult.TimedOut<MxRecord> t -> throw Stop.temp(domain);
            }
            if (names.size() > MAX_NAMES) {
                throw Stop.perm(SpfProblem.TOO_MANY_MX, domain + " (" + names.size() + ")");
            }
            for (String name : names) {
                if (anyMatch(addresses(name, v6, false), prefix)) {
                    return true;
                }
            }
            return false;
        }

        /** §5.5: validated reverse names of the client at or below the target; DNS errors just don't match. */
        private boolean ptr(String target, boolean v6) throws Stop {
            DnsResult<String> r = dns.ptr(ip);
            if (r instanceof DnsResult.NoSuchDomain<String> || r instanceof DnsResult.NoData<String>) {
                voidLookup(SpfMacro.dotted(ip));
            }
            List<String> names = r.records();
            for (String name : names.subList(0, Math.min(names.size(), MAX_NAMES))) {
                DnsResult<InetAddress> back = v6 ? dns.ipv6(name) : dns.ipv4(name);
                if (back.records().contains(ip) && DomainNames.isAtOrBelow(name, target)) {
                    return true;
                }
            }
            return false;
        }

        /** The addresses of one family; a void answer counts when {@code countVoid}, a failure is temperror. */
        private List<InetAddress> addresses(String name, boolean v6, boolean countVoid) throws Stop {
            DnsResult<InetAddress> r = v6 ? dns.ipv6(name) : dns.ipv4(name);
            return switch (r) {
                case DnsResult.Found<InetAddress> f -> f.records();
                case DnsResult.NoSuchDomain<InetAddress> n -> {
                    if (countVoid) {
                        voidLookup(name);
                    }
                    yield List.of();
                }
                case DnsResult.NoData<InetAddress> n -> {
                    if (countVoid) {
                        voidLookup(name);
                    }
                    yield List.of();
                }
                case DnsResult.ServerFailure<InetAddress> f -> throw Stop.temp(name);
                case DnsResult.TimedOut<InetAddress> t -> throw Stop.temp(name);
            };
        }

        private boolean anyMatch(List<InetAddress> addresses, int prefix) {
            return addresses.stream().anyMatch(a -> Cidr.matches(ip, a, prefix));
        }

        private String target(Directive d, SpfMacro.Context ctx) throws Stop {
            return d.domainSpec().isPresent() ? expand(d.domainSpec().get(), ctx) : ctx.domain();
        }

        private String expand(String spec, SpfMacro.Context ctx) throws Stop {
            try {
                return HostName.normalise(SpfMacro.expandDomain(spec, ctx));
            } catch (SpfSyntaxException e) {
                throw Stop.perm(e.problem(), e.term());
            }
        }

        private void countLookup(String term) throws Stop {
            lookups++;
            if (lookups > MAX_LOOKUPS) {
                throw Stop.perm(SpfProblem.TOO_MANY_LOOKUPS, term);
            }
        }

        private void voidLookup(String name) throws Stop {
            voids++;
            if (voids > MAX_VOID_LOOKUPS) {
                throw Stop.perm(SpfProblem.TOO_MANY_VOID_LOOKUPS, name);
            }
        }
    }
}
