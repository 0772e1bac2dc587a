package io.apogee.remoting.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming signer (reused per-thread Mac, values fed as bytes) must sign exactly what the plain
 * definition — HMAC over {@link RequestSignature#content} — signs, for any header, and must re-key
 * whenever the secret changes.
 */
class RequestSignatureStreamingTest {
    private static final byte[] BODY = "body bytes".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> header(String... keyValues) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put(keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }

    private static void assertSameAsDefinition(Map<String, String> fields, boolean excludeUniqueKeyQuery) {
        String expected = RequestSignature.sign(RequestSignature.content(fields, BODY, excludeUniqueKeyQuery), "secret");
        assertEquals(expected, RequestSignature.sign(fields, BODY, excludeUniqueKeyQuery, "secret"));
        assertTrue(RequestSignature.verify(fields, BODY, excludeUniqueKeyQuery, "secret", expected));
    }

    @Test
    void asciiHeadersSignAsTheDefinition() {
        assertSameAsDefinition(header("b", "topic", "a", "group", "AccessKey", "ak", "Signature", "ignored"), false);
        assertSameAsDefinition(header("_UNIQUE_KEY_QUERY", "true", "topic", "t"), true);
        assertSameAsDefinition(header("_UNIQUE_KEY_QUERY", "true", "topic", "t"), false);
        assertSameAsDefinition(header(), false);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("key" + i, "value-" + i + "x".repeat(i * 7)); // past the reused buffers' first sizes
        }
        assertSameAsDefinition(many, false);
    }

    @Test
    void nonAsciiHeadersSignAsTheDefinitionEvenWithASurrogatePairSplitAcrossValues() {
        assertSameAsDefinition(header("topic", "主题", "group", "grüppe"), false);
        // "a" sorts before "b": the pair is whole only in the concatenation.
        assertSameAsDefinition(header("a", "x\uD83D", "b", "\uDE00y"), false);
        assertSameAsDefinition(header("a", "lone \uD83D", "b", "z"), false);
        Map<String, String> withNull = header("a", "1", "c", "3");
        withNull.put("b", null);
        assertSameAsDefinition(withNull, false);
    }

    /** Keys alike in their first characters, shorter and longer, NUL and high units: sorted as compareTo sorts. */
    @Test
    void keysSharingPrefixesSortAsStringsDo() {
        String[] units = {"a", "b", "\u0000", "\u00ff", "\uffff", "\u0100", "A"};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            Map<String, String> fields = new HashMap<>();
            int size = 1 + random.nextInt(20);
            for (int i = 0; i < size; i++) {
                StringBuilder key = new StringBuilder();
                int length = random.nextInt(6);
                for (int j = 0; j < length; j++) {
                    key.append(units[random.nextInt(units.length)]);
                }
                fields.put(key.toString(), "v" + i + "-");
            }
            assertSameAsDefinition(fields, false);
        }
    }

    @Test
    void aValueWithALatin1CharacterIsNotTakenForAscii() {
        assertSameAsDefinition(header("a", "caf\u00e9", "b", "x"), false);
        assertSameAsDefinition(header("a", "\u0100", "b", "x"), false); // low byte 0: ASCII only if narrowed
    }

    @Test
    void aChangedSecretIsUsedOnTheNextSignatureOfTheSameThread() {
        Map<String, String> fields = header("topic", "t", "AccessKey", "ak");
        String first = RequestSignature.sign(fields, BODY, false, new String("secret-1"));
        String second = RequestSignature.sign(fields, BODY, false, new String("secret-2"));
        assertNotEquals(first, second);
        assertEquals(first, RequestSignature.sign(fields, BODY, false, new String("secret-1")));
        assertFalse(RequestSignature.verify(fields, BODY, false, "secret-2", first));
        assertTrue(RequestSignature.verify(fields, BODY, false, "secret-1", first));
    }

    @Test
    void refusesSignaturesOfAnotherLengthOrWithOneCharacterChanged() {
        Map<String, String> fields = header("topic", "t");
        String signature = RequestSignature.sign(fields, BODY, false, "secret");
        assertFalse(RequestSignature.verify(fields, BODY, false, "secret", signature.substring(0, 27)));
        assertFalse(RequestSignature.verify(fields, BODY, false, "secret", signature + "="));
        char last = signature.charAt(26);
        String changed = signature.substring(0, 26) + (char) (last == 'A' ? 'B' : 'A') + signature.charAt(27);
        assertFalse(RequestSignature.verify(fields, BODY, false, "secret", changed));
        assertFalse(RequestSignature.verify(fields, BODY, false, "secret", ""));
        assertFalse(RequestSignature.verify(fields, BODY, false, "secret", "\u0100".repeat(28)));
    }
}
