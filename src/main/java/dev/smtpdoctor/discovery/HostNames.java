package dev.smtpdoctor.discovery;

import java.util.regex.Pattern;

/** Checks on host names that arrive from the network (SRV targets, autoconfig, reverse names). */
final class HostNames {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private HostNames() {
    }

    /** A lower-case LDH name with at least two labels, no trailing dot: something worth resolving. */
    static boolean plausible(String host) {
        return HOST.matcher(host).matches();
    }
}
