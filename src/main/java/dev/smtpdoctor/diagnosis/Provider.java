package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.HostName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hosting and mail providers whose quirks change the diagnosis, recognised by the server's host name
 * (or a name in its certificate). A flat table; sources in {@code discovery/providers.json} (docs/providers.md).
 */
public enum Provider {
    /** Xserver: {@code sv****.xserver.jp}; 「SMTP認証の国外アクセス制限」. */
    XSERVER(true, "xserver.jp", "xserver.ne.jp"),
    /** Sakura: {@code <account>.sakura.ne.jp}; 国外IPアドレスフィルタ, default on since 2014. */
    SAKURA(true, "sakura.ne.jp"),
    /** お名前.com (RS, 共用サーバーSD, お名前メール) and its GMO server brands; foreign SMTP-AUTH restriction on by default. */
    ONAMAE(true, "onamae.ne.jp", "onamae.com", "onamae-server.com", "gmoserver.jp"),
    /** Google: an App Password is required (less secure app access ended 2022/2024). */
    GOOGLE(false, "gmail.com", "googlemail.com", "google.com"),
    /** Microsoft 365: SMTP AUTH often disabled; password SMTP AUTH off by default from the end of December 2026. */
    MICROSOFT_365(false, "office365.com", "outlook.com"),
    /** Zoho: app-specific password with 2FA; {@code smtppro} host and the right region for custom domains. */
    ZOHO(false, "zoho.com", "zoho.eu", "zoho.in", "zoho.jp", "zoho.com.au", "zoho.com.cn", "zoho.sa", "zohocloud.ca"),
    /** KAGOYA: the username is an account id such as {@code kir000000.info}, not the address. */
    KAGOYA(false, "kagoya.net", "kagoya.jp", "kagoya.com");

    private final boolean foreignIpFilter;
    private final List<String> suffixes;

    Provider(boolean foreignIpFilter, String... suffixes) {
        this.foreignIpFilter = foreignIpFilter;
        this.suffixes = List.of(suffixes);
    }

    /** Whether the provider runs a filter on SMTP AUTH from foreign IP addresses, which Google's servers are. */
    public boolean foreignIpFilter() {
        return foreignIpFilter;
    }

    /** The identifier used in finding arguments and message keys: lower case, hyphenated. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The provider a host name (or certificate name, wildcards allowed) belongs to. */
    public static Optional<Provider> of(String host) {
        String h = HostName.normalise(host);
        if (h.startsWith("*.")) {
            h = h.substring(2);
        }
        for (Provider p : values()) {
            for (String s : p.suffixes) {
                if (h.equals(s) || h.endsWith("." + s)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
