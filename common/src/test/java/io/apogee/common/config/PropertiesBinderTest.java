package io.apogee.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertiesBinderTest {
    static class Sample {
        private int listenPort = 9876;
        private long timeoutMillis = 10;
        private boolean enabled;
        private String name = "x";
        private static final int IGNORED = 1;
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void setsFieldsByNameAndReportsUnknownKeys() {
        Sample sample = new Sample();
        assertThat(PropertiesBinder.bind(props("listenPort", " 1234 ", "enabled", "TRUE", "bogus", "1"), sample))
                .containsExactly("bogus");
        assertThat(sample.listenPort).isEqualTo(1234);
        assertThat(sample.enabled).isTrue();
        assertThat(PropertiesBinder.describe(sample)).containsExactly(
                java.util.Map.entry("enabled", "true"), java.util.Map.entry("listenPort", "1234"),
                java.util.Map.entry("name", "x"), java.util.Map.entry("timeoutMillis", "10"));
    }

    @Test
    void refusesValuesOfTheWrongType() {
        assertThatThrownBy(() -> PropertiesBinder.bind(props("listenPort", "ninety"), new Sample()))
                .hasMessageContaining("listenPort").hasMessageContaining("ninety");
        assertThatThrownBy(() -> PropertiesBinder.bind(props("enabled", "yes"), new Sample()))
                .hasMessageContaining("enabled");
    }
}
