package dev.smtpdoctor.probe.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.smtp.ReplyParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each mechanism's exchange against a scripted channel: what goes out, what listeners see, what is wiped. */
class SaslMechanismTest {

    private static final String USER = "taro@example.test";
    private static final String PASSWORD = "s3cret-パス";

    /** Answers each line with the next scripted reply; keeps what was sent, what was shown and the arrays given. */
    private static final class ScriptedChannel implements SaslChannel {
        final Deque<String> replies;
        final List<String> wire = new ArrayList<>();
        final List<String> shown = new ArrayList<>();
        final List<byte[]> secretArrays = new ArrayList<>();
        String last;

        ScriptedChannel(String... replies) {
            this.replies = new ArrayDeque<>(List.of(replies));
        }

        @Override
        public Reply command(String line) throws MalformedReplyException {
            wire.add(line);
            shown.add(line);
            return next();
        }

        @Override
        public Reply secret(byte[] line, String shownAs) throws MalformedReplyException {
            wire.add(new String(line, StandardCharsets.UTF_8));
            shown.add(shownAs);
            secretArrays.add(line);
            return next();
        }

        @Override
        public String challenge() {
            return last.substring(4);
        }

        private Reply next() throws MalformedReplyException {
            last = replies.removeFirst();
            return ReplyParser.parse(last + "\r\n");
        }

        void assertWiped() {
            assertThat(secretArrays).isNotEmpty().allSatisfy(a -> assertThat(a).containsOnly((byte) 0));
        }

        void assertNothingSecretShown() {
            assertThat(shown).noneMatch(s -> s.contains(PASSWORD) || s.contains(b64(PASSWORD)) || s.contains(b64(USER)));
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainSendsTheBlobInTheCommandAndShowsItRedacted() throws Exception {
        ScriptedChannel ch = new ScriptedChannel("235 2.7.0 ok");
        Reply r = SaslMechanism.PLAIN.exchange(ch, USER, PASSWORD.toCharArray());
        assertThat(r.code()).isEqualTo(235);
        assertThat(ch.wire).containsExactly("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD));
        assertThat(ch.shown).containsExactly("AUTH PLAIN [redacted]");
        ch.assertWiped();
        ch.assertNothingSecretShown();
    }

    @Test
    void loginSendsUsernameThenPasswordEachAfterA334() throws Exception {
        ScriptedChannel ch = new ScriptedChannel("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "535 5.7.8 no");
        Reply r = SaslMechanism.LOGIN.exchange(ch, USER, PASSWORD.toCharArray());
        assertThat(r.code()).isEqualTo(535);
        assertThat(ch.wire).containsExactly("AUTH LOGIN", b64(USER), b64(PASSWORD));
        assertThat(ch.shown).containsExactly("AUTH LOGIN", Secrets.REDACTED, Secrets.REDACTED);
        ch.assertWiped();
        ch.assertNothingSecretShown();
    }

    @Test
    void cramMd5AnswersTheChallengeWithTheHmac() throws Exception {
        String challenge = "<1896.697170952@postoffice.example.net>";
        ScriptedChannel ch = new ScriptedChannel("334 " + b64(challenge), "235 ok");
        Reply r = SaslMechanism.CRAM_MD5.exchange(ch, USER, PASSWORD.toCharArray());
        assertThat(r.code()).isEqualTo(235);
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(PASSWORD.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        String digest = HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
        assertThat(ch.wire).containsExactly("AUTH CRAM-MD5", b64(USER + " " + digest));
        assertThat(ch.shown).containsExactly("AUTH CRAM-MD5", Secrets.REDACTED);
        ch.assertWiped();
    }

    @Test
    void aChallengeThatIsNotBase64IsCancelledWithAStarAndNothingSecretLeaves() {
        ScriptedChannel ch = new ScriptedChannel("334 this is *not* base64!", "501 5.7.0 cancelled");
        assertThatThrownBy(() -> SaslMechanism.CRAM_MD5.exchange(ch, USER, PASSWORD.toCharArray()))
                .isInstanceOf(MalformedChallengeException.class)
                .satisfies(e -> assertThat(((MalformedChallengeException) e).evidence())
                        .isEqualTo("this is *not* base64!"));
        assertThat(ch.wire).containsExactly("AUTH CRAM-MD5", "*");
        assertThat(ch.secretArrays).isEmpty();
    }

    @Test
    void aRefusedAuthCommandEndsTheExchangeBeforeAnyCredential() throws Exception {
        for (SaslMechanism m : List.of(SaslMechanism.LOGIN, SaslMechanism.CRAM_MD5)) {
            ScriptedChannel ch = new ScriptedChannel("504 5.5.4 mechanism not supported");
            Reply r = m.exchange(ch, USER, PASSWORD.toCharArray());
            assertThat(r.code()).isEqualTo(504);
            assertThat(ch.wire).as("%s", m).containsExactly("AUTH " + m.wireName());
            assertThat(ch.secretArrays).as("%s", m).isEmpty();
        }
        ScriptedChannel login = new ScriptedChannel("334 VXNlcm5hbWU6", "535 5.7.8 unknown user");
        assertThat(SaslMechanism.LOGIN.exchange(login, USER, PASSWORD.toCharArray()).code()).isEqualTo(535);
        assertThat(login.wire).containsExactly("AUTH LOGIN", b64(USER)); // the password never follows
    }

    @Test
    void theCallersPasswordIsNotTouched() throws Exception {
        char[] password = PASSWORD.toCharArray();
        SaslMechanism.PLAIN.exchange(new ScriptedChannel("235 ok"), USER, password);
        assertThat(new String(password)).isEqualTo(PASSWORD);
    }

    @Test
    void mechanismsAreFoundByTheirEhloNames() {
        assertThat(SaslMechanism.named("cram-md5")).contains(SaslMechanism.CRAM_MD5);
        assertThat(SaslMechanism.named("PLAIN")).contains(SaslMechanism.PLAIN);
        assertThat(SaslMechanism.named("XOAUTH2")).isEmpty();
    }
}
