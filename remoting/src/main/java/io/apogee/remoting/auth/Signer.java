package io.apogee.remoting.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's HMAC-SHA1 signing state for {@link RequestSignature}, reused across requests so that a
 * signature costs no Mac lookup, no sorted copy of the header and no string of its values. Every
 * request is still hashed in full; only the keyed Mac is kept, and only while the secret is the very
 * same {@code String} instance (a user whose secret changes gets a new instance, so the next request
 * re-keys). Not thread-safe: one per thread.
 */
final class Signer {
    private static final String HMAC = "HmacSHA1";
    private static final int MAC_LENGTH = 20;
    private static final int BASE64_LENGTH = 28;

    final Mac mac;
    /** The secret {@link #mac} is keyed with, compared by identity: cheap, and reveals nothing by timing. */
    private String keyedWith;
    @SuppressWarnings("unchecked")
    private Map.Entry<String, String>[] entries = new Map.Entry[32];
    private byte[] text = new byte[512];
    private final byte[] digest = new byte[MAC_LENGTH];
    private final byte[] base64 = new byte[BASE64_LENGTH];

    Signer() {
        try {
            mac = Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** Keys the Mac with {@code secretKey} and feeds it the values of the ext fields in key order. */
    void begin(Map<String, String> extFields, boolean excludeUniqueKeyQuery, String secretKey) {
        key(secretKey);
        if (extFields == null || extFields.isEmpty()) {
            return;
        }
        int count = sortedEntries(extFields, excludeUniqueKeyQuery);
        try {
            int length = 0;
            for (int i = 0; i < count && length >= 0; i++) {
                String value = entries[i].getValue();
                if (value != null) {
                    length = appendAscii(value, length);
                }
            }
            if (length >= 0) {
                mac.update(text, 0, length);
            } else {
                mac.update(utf8Of(count));
            }
        } finally {
            Arrays.fill(entries, 0, count, null); // hold no request past its signature
        }
    }

    /** Finishes the signature and returns it in Base64, as it travels. */
    String finishBase64() {
        return Base64.getEncoder().encodeToString(finish());
    }

    /** Finishes the signature and compares it with {@code signature} (Base64) in time independent of their content. */
    boolean finishMatches(String signature) {
        int length = Base64.getEncoder().encode(finish(), base64);
        if (signature.length() != length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= base64[i] ^ signature.charAt(i);
        }
        return difference == 0;
    }

    private byte[] finish() {
        try {
            mac.doFinal(digest, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 failed", e);
        }
        return digest;
    }

    private void key(String secretKey) {
        if (secretKey == keyedWith) {
            mac.reset(); // already keyed: back to the keyed start, in case an earlier signature was left unfinished
            return;
        }
        keyedWith = null;
        try {
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot key HmacSHA1", e);
        }
        keyedWith = secretKey;
    }

    /** Puts the signed entries (all but the signature) into {@link #entries}, sorted by key; returns how many. */
    private int sortedEntries(Map<String, String> extFields, boolean excludeUniqueKeyQuery) {
        if (entries.length < extFields.size()) {
            entries = Arrays.copyOf(entries, extFields.size());
        }
        int count = 0;
        for (Map.Entry<String, String> entry : extFields.entrySet()) {
            String key = entry.getKey();
            if (key == null || RequestSignature.SIGNATURE.equals(key)
                    || (excludeUniqueKeyQuery && RequestSignature.UNIQUE_KEY_QUERY.equals(key))) {
                continue;
            }
            // Insertion sort: a header has a few dozen fields at most.
            int at = count++;
            while (at > 0 && entries[at - 1].getKey().compareTo(key) > 0) {
                entries[at] = entries[at - 1];
                at--;
            }
            entries[at] = entry;
        }
        return count;
    }

    /** Appends {@code value} to {@link #text} when it is all ASCII (its UTF-8 is its chars); -1 otherwise. */
    private int appendAscii(String value, int length) {
        int end = length + value.length();
        if (end > text.length) {
            text = Arrays.copyOf(text, Math.max(end, text.length * 2));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            text[length + i] = (byte) c;
        }
        return end;
    }

    /** The UTF-8 of the concatenated values, exactly as the string would encode (pairs split across values too). */
    private byte[] utf8Of(int count) {
        StringBuilder concatenated = new StringBuilder(256);
        for (int i = 0; i < count; i++) {
            String value = entries[i].getValue();
            if (value != null) {
                concatenated.append(value);
            }
        }
        return concatenated.toString().getBytes(StandardCharsets.UTF_8);
    }
}
