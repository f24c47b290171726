package dev.smtpdoctor.testing.opensmtpd;

import dev.smtpdoctor.testing.MtaExtension;

/**
 * Gives tests an {@link OpenSmtpdServer}: {@code @ExtendWith(OpenSmtpdExtension.class)} and a {@code OpenSmtpdServer} parameter; skipped when
 * OpenSMTPD is not installed, except in CI (see {@link MtaExtension}).
 */
public final class OpenSmtpdExtension extends MtaExtension<OpenSmtpdServer> {

    public OpenSmtpdExtension() {
        super(OpenSmtpdServer.class, OpenSmtpdServer::start);
    }
}
