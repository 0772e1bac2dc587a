package io.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * What a consumer subscribes to on one topic, as its heartbeats carry it.
 *
 * @param subString the expression: {@code *}, {@code TagA || TagB}, or SQL92
 * @param expressionType {@code TAG} or {@code SQL92}
 * @param tagsSet the tags of a TAG expression, empty for {@code *}
 * @param codeSet the tags' {@code String.hashCode()} values, what consume-queue entries carry
 * @param subVersion when the subscription was made; a newer one replaces an older one
 */
public record SubscriptionData(String topic, String subString, String expressionType, Set<String> tagsSet,
        Set<Integer> codeSet, long subVersion, boolean classFilterMode) {
    public static final String SUB_ALL = "*";

    public SubscriptionData {
        tagsSet = tagsSet == null ? Set.of() : Set.copyOf(tagsSet);
        codeSet = codeSet == null ? Set.of() : Set.copyOf(codeSet);
        expressionType = expressionType == null ? "TAG" : expressionType;
    }

    /** A TAG subscription built from its expression, as the client builds it. */
    public static SubscriptionData ofTags(String topic, String expression, long subVersion) {
        String sub = expression == null || expression.isBlank() ? SUB_ALL : expression.trim();
        java.util.Set<String> tags = new java.util.LinkedHashSet<>();
        java.util.Set<Integer> codes = new java.util.LinkedHashSet<>();
        if (!SUB_ALL.equals(sub)) {
            for (String tag : sub.split("\\|\\|")) {
                String trimmed = tag.trim();
                if (!trimmed.isEmpty()) {
                    tags.add(trimmed);
                    codes.add(trimmed.hashCode());
                }
            }
        }
        return new SubscriptionData(topic, sub, "TAG", tags, codes, subVersion, false);
    }

    public boolean isTagType() {
        return "TAG".equalsIgnoreCase(expressionType);
    }

    /** Whether a consume-queue entry with {@code tagsCode} passes this subscription's broker-side filter. */
    public boolean matchesTagsCode(long tagsCode) {
        return !isTagType() || SUB_ALL.equals(subString) || codeSet.isEmpty() || codeSet.contains((int) tagsCode);
    }
}
