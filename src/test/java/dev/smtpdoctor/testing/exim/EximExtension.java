package dev.smtpdoctor.testing.exim;

import dev.smtpdoctor.testing.MtaExtension;

/**
 * Gives tests an {@link EximServer}: {@code @ExtendWith(EximExtension.class)} and a {@code EximServer} parameter; skipped when
 * Exim is not installed, except in CI (see {@link MtaExtension}).
 */
public final class EximExtension extends MtaExtension<EximServer> {

    public EximExtension() {
        super(EximServer.class, EximServer::start);
    }
}
