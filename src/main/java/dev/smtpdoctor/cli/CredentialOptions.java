package dev.smtpdoctor.cli;

import dev.smtpdoctor.probe.Credentials;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the password comes from: a prompt without echo (when a terminal is attached), standard
 * input, or an environment variable. Never the command line: {@code --password} exists only to refuse
 * with an explanation, because arguments are visible to every local user in the process list.
 */
public final class CredentialOptions {

    @Option(names = {"-u", "--username"}, paramLabel = "USER", descriptionKey = "opt.username")
    String username;

    @Option(names = "--password-stdin", descriptionKey = "opt.password-stdin")
    boolean passwordStdin;

    @Option(names = "--password-env", paramLabel = "VAR", descriptionKey = "opt.password-env")
    String passwordEnv;

    @Option(names = "--allow-plaintext-auth", descriptionKey = "opt.allow-plaintext-auth")
    boolean allowPlaintextAuth;

    /** Accepted only to be refused; its value is never stored or shown. */
    @Option(names = {"--password", "-p"}, hidden = true, arity = "0..1", paramLabel = "IGNORED")
    void refusePassword(String ignored) {
        throw new UsageException("error.password-argument");
    }

    /**
     * The variable's name as it may be printed: someone who passed the password itself instead of a name
     * must not see it echoed, so only the conventional upper-case form (PASSWORD_VAR) is shown; anything
     * else reads "…".
     */
    static String shownName(String name) {
        return name.matches("[A-Z_][A-Z0-9_]{0,63}") ? name : "…";
    }

    /** True when --password-stdin or --password-env was given. */
    public boolean passwordSourceGiven() {
        return passwordStdin || passwordEnv != null;
    }

    public boolean allowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * Reads the credentials, or empty when no username was given (then no AUTH is attempted).
     *
     * @param fallbackUsername used when {@code --username} is absent but a password source is given
     */
    public Optional<Credentials> read(Optional<String> fallbackUsername, Map<String, String> env, InputStream stdin,
                                      Console console, String prompt) {
        boolean sourceGiven = passwordStdin || passwordEnv != null;
        Optional<String> user = username().or(() -> sourceGiven ? fallbackUsername : Optional.empty());
        if (user.isEmpty()) {
            if (sourceGiven) {
                throw new UsageException("error.username-missing");
            }
            return Optional.empty();
        }
        if (passwordStdin && passwordEnv != null) {
            throw new UsageException("error.password-two-sources");
        }
        char[] password;
        if (passwordEnv != null) {
            String value = env.get(passwordEnv);
            if (value == null) {
                throw new UsageException("error.password-env-missing", shownName(passwordEnv));
            }
            if (value.isEmpty()) {
                // Like empty standard input: an empty password cannot be right, and trying it would spend
                // the one AUTH attempt (and count towards a lockout) on a login that cannot succeed.
                throw new UsageException("error.password-env-empty", shownName(passwordEnv));
            }
            password = value.toCharArray();
        } else if (passwordStdin) {
            password = readLine(stdin);
        } else if (console != null) {
            password = console.readPassword("%s", prompt);
            if (password == null) {
                throw new UsageException("error.password-none");
            }
        } else {
            throw new UsageException("error.password-none");
        }
        try {
            return Optional.of(new Credentials(user.get(), password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * For {@code check}: the password from the given source, else from a prompt when a terminal is
     * attached, else none (the check then runs without a login test). {@code --password-env} naming an
     * unset variable, or both sources at once, are still usage errors.
     */
    public char[] readOptional(Map<String, String> env, InputStream stdin, Console console, String prompt,
                               boolean promptAllowed) {
        if (passwordStdin && passwordEnv != null) {
            throw new UsageException("error.password-two-sources");
        }
        if (passwordEnv != null) {
            String value = env.get(passwordEnv);
            if (value == null) {
                throw new UsageException("error.password-env-missing", shownName(passwordEnv));
            }
            if (value.isEmpty()) {
                throw new UsageException("error.password-env-empty", shownName(passwordEnv));
            }
            return value.toCharArray();
        }
        if (passwordStdin) {
            return readLine(stdin);
        }
        if (console != null && promptAllowed) {
            char[] pw = console.readPassword("%s", prompt);
            return pw == null ? new char[0] : pw;
        }
        return new char[0];
    }

    /** One line from standard input, without its line end. Bounded to 4 KiB. */
    private static char[] readLine(InputStream in) {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64);
            char[] buf = new char[4096];
            int n = 0;
            int c;
            while (n < buf.length && (c = r.read()) >= 0 && c != '\n') {
                buf[n++] = (char) c;
            }
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            char[] out = Arrays.copyOf(buf, n);
            Arrays.fill(buf, '\0');
            if (n == 0) {
                throw new UsageException("error.password-empty");
            }
            return out;
        } catch (IOException e) {
            throw new UsageException("error.password-empty");
        }
    }
}
