package dev.concord.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, with a random 16-byte salt per account and a 256-bit output.
 * Runs on the leader only: the salt is random, so hashing inside apply would make nodes disagree.
 */
public final class Passwords {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    /** Salt and hash in Base64, with the work factor they were made with. */
    public record Hashed(String salt, int iterations, String hash) {
    }

    private Passwords() {
    }

    public static Hashed hash(String password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return new Hashed(b64.encodeToString(salt), iterations, b64.encodeToString(pbkdf2(password, salt, iterations)));
    }

    /** Constant-time comparison of {@code password} against a stored hash. */
    public static boolean verify(String password, String salt, int iterations, String hash) {
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(hash);
        byte[] actual = pbkdf2(password, b64.decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
