/**
 * A real Postfix with Dovecot SASL on loopback, for the integration tests ({@code *IT}, run by failsafe
 * in {@code ./mvnw verify}).
 *
 * <h2>Using it</h2>
 * {@code @ExtendWith(PostfixExtension.class)} and a {@link dev.smtpdoctor.testing.postfix.PostfixServer}
 * parameter. The server gives a {@code Prober} wired as the CLI would be with {@code --resolve} and
 * {@code --ca-file} ({@code prober()}: names resolve only to 127.0.0.1, only the run's test CA is
 * trusted), endpoints per {@link dev.smtpdoctor.testing.postfix.Listener}, the test user's credentials,
 * and the Postfix log: take {@code mark()} before a probe, then {@code awaitSmtpdSession(listener, mark)}
 * returns that connection's log lines and Postfix's per-command counters ({@code auth=0/1}: one AUTH
 * command, failed).
 *
 * <h2>Running</h2>
 * <ul>
 *   <li>Needs root and the Debian packages postfix and dovecot-core: {@code scripts/install-test-deps.sh}.
 *       Without them every IT fails with that advice; {@code -DskipITs} leaves them out on purpose.</li>
 *   <li>One class: {@code ./mvnw verify -Dit.test=PostfixAuthIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.</li>
 *   <li>{@code -Dsmtpdoctor.it.keep=true} keeps the run directory
 *       ({@code $TMPDIR/smtpdoctor-postfix-it/run-<pid>-*}: main.cf, master.cf, dovecot.conf, the
 *       certificates, {@code log/postfix.log}, {@code log/dovecot.log}, {@code log/commands.out}).</li>
 *   <li>Cost: about 1.5 s to start (certificates, configuration, both daemons, one connection per
 *       listener) and 2.5 s to stop (Dovecot's own shutdown).</li>
 * </ul>
 *
 * <h2>Facts found the hard way (Postfix 3.7, Dovecot 2.3, Debian 12)</h2>
 * <ul>
 *   <li>{@code postfix -c DIR start} as root needs no {@code alternate_config_directories} entry in
 *       /etc/postfix/main.cf; only the set-gid commands (postdrop, postqueue, sendmail) check it.
 *       The queue directory must exist (root-owned); post-install creates its subdirectories and
 *       {@code data_directory} (which must be owned by postfix, so do not create it yourself).</li>
 *   <li>Postfix re-reads a main.cf or master.cf modified within the last second, sleeping 300 ms
 *       each time, in every process; back-dating their mtime saves 2-3 s per start.</li>
 *   <li>{@code maillog_file} must lie below {@code maillog_file_prefixes} and needs a {@code postlog}
 *       service in master.cf. Lines reach the file asynchronously (postlogd): wait for them.</li>
 *   <li>Dovecot's auth penalty delays every AUTH from an address after a failure from it (2 s and up),
 *       even with {@code auth_failure_delay = 0}; the tests turn it off.</li>
 *   <li>With Postfix's default {@code smtpd_delay_reject = yes}, {@code reject_sender_login_mismatch}
 *       answers at RCPT TO, not at MAIL FROM.</li>
 *   <li>OpenSSL cannot load a curve-less {@code BEGIN EC PRIVATE KEY}; HeldCertificate writes PKCS#8.</li>
 * </ul>
 */
package dev.smtpdoctor.testing.postfix;
