package dev.smtpdoctor.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-page tokens against cross-site request forgery: every page the server hands out gets a fresh random
 * nonce and its HMAC-SHA256 under a key made at start-up, {@code nonce.mac} in base64url. A state-changing
 * request must carry one in the {@value #HEADER} header; a custom header also forces a CORS preflight,
 * which this server never answers, so another site's script cannot even send it. Stateless (nothing grows
 * with the pages served) and valid only for this run of the server. Thread-safe.
 */
public final class CsrfTokens {

    /** The request header that carries the token. */
    public static final String HEADER = "X-CSRF-Token";

    private static final int NONCE_BYTES = 18;
    private static final int MAX_TOKEN_CHARS = 100;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;
    private final SecretKeySpec key;

    public CsrfTokens(SecureRandom random) {
        this.random = random;
        byte[] k = new byte[32];
        random.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    public CsrfTokens() {
        this(new SecureRandom());
    }

    /** A fresh token for one page. */
    public String issue() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String n = ENCODER.encodeToString(nonce);
        return n + "." + ENCODER.encodeToString(mac(n));
    }

    /** Whether {@code token} (null when absent) was issued by this instance; compared in constant time. */
    public boolean valid(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(token.substring(0, dot)), given);
    }

    private byte[] mac(String nonce) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(nonce.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
