package dev.smtpdoctor.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.UsernamePasswordValidator;

/**
 * The demo machine's accounts, and what each may do once logged in. Like Postfix with
 * {@code reject_sender_login_mismatch} and a sender login map where every mailbox owns exactly its own
 * address: after AUTH, {@code MAIL FROM} must name the login's own address, or the reply is Postfix's
 * {@code 553 5.7.1 <address>: Sender address rejected: not owned by user <login>}. Without AUTH the sender
 * is not checked (submission listeners require AUTH before MAIL anyway). Messages are read and
 * discarded. Immutable and thread-safe.
 */
final class Mailboxes implements UsernamePasswordValidator, MessageHandlerFactory {

    private final Map<String, String> passwords;

    /** @param passwords login (an address, any case) → its password */
    Mailboxes(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> key(e.getKey()), Map.Entry::getValue)));
    }

    @Override
    public void login(String username, String password, MessageContext context) throws LoginFailedException {
        String expected = passwords.get(key(username));
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8))) {
            // SubEthaSMTP turns this into "535 Authentication credentials invalid".
            throw new LoginFailedException();
        }
    }

    @Override
    public MessageHandler create(MessageContext context) {
        return new Transaction(context);
    }

    private static String key(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }

    /** One mail transaction, from {@code MAIL FROM} to the end of {@code DATA} or {@code RSET}. */
    private record Transaction(MessageContext context) implements MessageHandler {

        @Override
        public void from(String address) throws RejectException {
            Optional<String> login = context.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity()));
            if (login.isPresent() && !key(login.get()).equals(key(address))) {
                throw new RejectException(553, "5.7.1 <" + address + ">: Sender address rejected: not owned by user "
                        + login.get());
            }
        }

        @Override
        public void recipient(String recipientAddress) {
            // Any recipient: nothing is ever delivered.
        }

        @Override
        public String data(InputStream data) throws IOException {
            data.transferTo(OutputStream.nullOutputStream());
            return null;
        }

        @Override
        public void done() {
        }
    }
}
