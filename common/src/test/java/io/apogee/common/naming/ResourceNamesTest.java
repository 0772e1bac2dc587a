package io.apogee.common.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {
    /** RocketMQ's rule as it states it. */
    private static final Pattern RULE = Pattern.compile("^[%|a-zA-Z0-9_-]+$");

    @Test
    void agreesWithTheRegularExpressionOnEveryCharacterAndEdge() {
        for (char c = 0; c < 0x300; c++) {
            String name = "a" + c + "z";
            assertThat(ResourceNames.hasOnlyLegalCharacters(name)).as("char %d", (int) c)
                    .isEqualTo(RULE.matcher(name).matches());
        }
        assertThat(ResourceNames.hasOnlyLegalCharacters("%RETRY%group|x_-9")).isTrue();
        assertThat(ResourceNames.hasOnlyLegalCharacters("")).isFalse();
        assertThat(ResourceNames.hasOnlyLegalCharacters(null)).isFalse();
        assertThat(ResourceNames.hasOnlyLegalCharacters("topic\u00e9")).isFalse();
        assertThat(ResourceNames.hasOnlyLegalCharacters("top ic")).isFalse();
    }
}
