package dev.concord.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session tokens: 256 random bits, Base64url. Only their SHA-256 is stored or logged; a token is
 * random enough that a plain hash (no salt, no work factor) cannot be reversed by search.
 */
public final class Tokens {
    private static final int TOKEN_BYTES = 32;

    private Tokens() {
    }

    public static String newToken(SecureRandom random) {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of the token as 64 hex digits; null for null. */
    public static String hash(String token) {
        if (token == null) {
            return null;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
