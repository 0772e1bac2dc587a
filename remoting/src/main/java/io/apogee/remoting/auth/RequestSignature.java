package io.apogee.remoting.auth;

import io.apogee.remoting.protocol.RemotingCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signature of RocketMQ's remoting ACL (shared/protocol/06-acl2.md §2.1): Base64 of
 * HMAC-SHA1, keyed by the secret key, over the values of every ext field but {@code Signature} in the
 * order of their keys ({@link String#compareTo}), concatenated without separators, followed by the
 * body. It lives in remoting so that the acl module (which verifies) and the client (which signs) share
 * one implementation. Thread-safe (each thread signs with its own {@link Signer}).
 */
public final class RequestSignature {
    public static final String ACCESS_KEY = "AccessKey";
    public static final String SIGNATURE = "Signature";
    public static final String SECURITY_TOKEN = "SecurityToken";
    /** Left out of the signed content by clients older than 4.9.4 (remoting version 399 and below). */
    public static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
    public static final int LAST_VERSION_SIGNING_UNIQUE_KEY_QUERY_EXCLUDED = 399;
    private static final String HMAC = "HmacSHA1";

    /** Per-thread signing state: {@code Mac.getInstance} looks up providers, too slow for every request. */
    private static final ThreadLocal<Signer> SIGNERS = ThreadLocal.withInitial(Signer::new);

    private RequestSignature() {
    }

    /**
     * The signature of a request's ext fields and body under {@code secretKey}, as
     * {@code sign(content(extFields, body, excludeUniqueKeyQuery), secretKey)} computes it, without
     * building the content: the sorted values and then the body are fed to a reused per-thread Mac.
     */
    public static String sign(Map<String, String> extFields, byte[] body, boolean excludeUniqueKeyQuery,
            String secretKey) {
        Signer signer = SIGNERS.get();
        signer.begin(extFields, excludeUniqueKeyQuery, secretKey);
        if (body != null && body.length > 0) {
            signer.mac.update(body);
        }
        return signer.finishBase64();
    }

    /**
     * The signature of an outgoing request under {@code secretKey}, whichever form its body has: a
     * byte array, or the regions a producer sends without copying (read, not consumed).
     */
    public static String sign(RemotingCommand request, String secretKey) {
        if (request.bodyRegions() == null) {
            return sign(request.extFields(), request.body(), false, secretKey);
        }
        Signer signer = SIGNERS.get();
        signer.begin(request.extFields(), false, secretKey);
        for (ByteBuffer region : request.bodyRegions()) {
            signer.mac.update(region.duplicate());
        }
        return signer.finishBase64();
    }

    /** Whether {@code signature} signs the request's ext fields and body under {@code secretKey}, in constant time. */
    public static boolean verify(Map<String, String> extFields, byte[] body, boolean excludeUniqueKeyQuery,
            String secretKey, String signature) {
        if (signature == null || secretKey == null) {
            return false;
        }
        Signer signer = SIGNERS.get();
        signer.begin(extFields, excludeUniqueKeyQuery, secretKey);
        if (body != null && body.length > 0) {
            signer.mac.update(body);
        }
        return signer.finishMatches(signature);
    }

    /** The bytes that are signed: sorted ext field values (without {@code Signature}), then the body. */
    public static byte[] content(Map<String, String> extFields, byte[] body, boolean excludeUniqueKeyQuery) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (extFields != null) {
            sorted.putAll(extFields);
        }
        sorted.remove(SIGNATURE);
        if (excludeUniqueKeyQuery) {
            sorted.remove(UNIQUE_KEY_QUERY);
        }
        StringBuilder text = new StringBuilder();
        for (String value : sorted.values()) {
            if (value != null) {
                text.append(value);
            }
        }
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Base64 (standard, padded) HMAC-SHA1 of {@code content} under {@code secretKey}. */
    public static String sign(byte[] content, String secretKey) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** Whether {@code signature} is the signature of {@code content} under {@code secretKey}, in constant time. */
    public static boolean verify(byte[] content, String secretKey, String signature) {
        if (signature == null || secretKey == null) {
            return false;
        }
        byte[] expected = sign(content, secretKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
