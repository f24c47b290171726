package dev.smtpdoctor.web;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** {@link RawHttp} for tests of other packages: the body of {@code GET uri}, with the Host the server expects. */
public final class RawHttpAccess {

    private RawHttpAccess() {
    }

    public static String get(URI uri) throws IOException {
        return RawHttp.get(uri.getPort(), uri.getRawPath(), Map.of()).body();
    }
}
