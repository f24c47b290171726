package dev.smtpdoctor.discovery;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.text.UntrustedText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the SMTP servers out of a Thunderbird autoconfig file ({@code config-v1.1.xml};
 * https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat): every
 * {@code clientConfig/emailProvider/outgoingServer[@type="smtp"]} with its hostname, port,
 * socketType (SSL, STARTTLS, plain) and username, placeholders filled in for the address.
 *
 * <p>The file comes from the network, so the parser is locked down: a DOCTYPE is refused outright
 * (no DTD, no entities internal or external — XXE and "billion laughs" fail before any expansion),
 * no external schema or DTD access, no XInclude, secure processing on. The caller caps the size and the
 * time. Values are checked: a host name must look like one, a port must be 1..65535. Pure and thread-safe.
 */
public final class AutoconfigFile {

    /** At most this many outgoing servers are taken from one file. */
    static final int MAX_SERVERS = 3;

    private AutoconfigFile() {
    }

    /** One {@code outgoingServer}. */
    public record OutgoingServer(String hostname, OptionalInt port, Optional<Security> security,
                                 Optional<String> username) {
    }

    /** Why a file gave nothing usable. */
    public enum Problem {
        /** The file declares a DOCTYPE (entities, DTDs): refused without reading further. */
        DOCTYPE_REFUSED,
        /** Not well-formed XML, or not a clientConfig document. */
        NOT_AUTOCONFIG,
        /** A clientConfig without a usable SMTP outgoingServer. */
        NO_SMTP_SERVER
    }

    /** The parse result: servers, or the problem. */
    public record Parsed(List<OutgoingServer> servers, Optional<Problem> problem) {
        public Parsed {
            servers = List.copyOf(servers);
        }

        static Parsed failed(Problem p) {
            return new Parsed(List.of(), Optional.of(p));
        }
    }

    /** Parses {@code xml} for {@code address} (used to fill %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%). */
    public static Parsed parse(byte[] xml, String address) {
        Document doc;
        try {
            DocumentBuilder b = factory().newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // no printing to stderr
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return Parsed.failed(m.contains("doctype") ? Problem.DOCTYPE_REFUSED : Problem.NOT_AUTOCONFIG);
        } catch (IOException | ParserConfigurationException e) {
            return Parsed.failed(Problem.NOT_AUTOCONFIG);
        }
        Element root = doc.getDocumentElement();
        if (root == null || !root.getTagName().equals("clientConfig")) {
            return Parsed.failed(Problem.NOT_AUTOCONFIG);
        }
        List<OutgoingServer> out = new ArrayList<>();
        for (Element provider : children(root, "emailProvider")) {
            for (Element server : children(provider, "outgoingServer")) {
                if (!"smtp".equalsIgnoreCase(server.getAttribute("type")) || out.size() >= MAX_SERVERS) {
                    continue;
                }
                server(server, address).filter(s -> !out.contains(s)).ifPresent(out::add);
            }
        }
        return out.isEmpty() ? Parsed.failed(Problem.NO_SMTP_SERVER) : new Parsed(out, Optional.empty());
    }

    private static Optional<OutgoingServer> server(Element e, String address) {
        Optional<String> host = text(e, "hostname").map(h -> HostName.normalise(fill(h, address)))
                .filter(HostName::isStrict);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt port = OptionalInt.empty();
        Optional<String> p = text(e, "port");
        if (p.isPresent()) {
            if (!p.get().matches("\\d{1,5}") || Integer.parseInt(p.get()) < 1 || Integer.parseInt(p.get()) > 65535) {
                return Optional.empty();
            }
            port = OptionalInt.of(Integer.parseInt(p.get()));
        }
        Optional<Security> security = text(e, "socketType").flatMap(AutoconfigFile::socketType);
        Optional<String> username = text(e, "username").map(u -> fill(u, address)).filter(u -> u.length() <= 320);
        return Optional.of(new OutgoingServer(host.get(), port, security, username));
    }

    /** Thunderbird's socketType: SSL (implicit TLS), STARTTLS, plain. */
    static Optional<Security> socketType(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "SSL", "TLS" -> Optional.of(Security.SSL);
            case "STARTTLS" -> Optional.of(Security.TLS);
            case "PLAIN" -> Optional.of(Security.NONE);
            default -> Optional.empty();
        };
    }

    /** Thunderbird's placeholders, for this address. */
    static String fill(String template, String address) {
        int at = address.lastIndexOf('@');
        String local = at > 0 ? address.substring(0, at) : address;
        String domain = at > 0 ? address.substring(at + 1) : "";
        return template.replace("%EMAILADDRESS%", address).replace("%EMAILLOCALPART%", local)
                .replace("%EMAILDOMAIN%", domain);
    }

    private static Optional<String> text(Element parent, String tag) {
        for (Element c : children(parent, tag)) {
            String t = UntrustedText.clean(c.getTextContent().strip()); // the file is outside text
            if (!t.isEmpty()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && el.getTagName().equals(tag)) {
                out.add(el);
            }
        }
        return out;
    }

    /** OWASP's XXE settings for DocumentBuilderFactory, plus secure processing. */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        return f;
    }
}
