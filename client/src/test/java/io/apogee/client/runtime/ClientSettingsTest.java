package io.apogee.client.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.tls.TlsConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings are logged (a second client with other settings warns): no secret may show. */
class ClientSettingsTest {
    @Test
    void toStringShowsNoSecretKeyTokenOrKeyPassword() {
        Properties p = new Properties();
        p.setProperty("tls.client.certPath", "/etc/app/client.crt");
        p.setProperty("tls.client.keyPath", "/etc/app/client.key");
        p.setProperty("tls.client.keyPassword", "key-password-123");
        ClientSettings settings = ClientSettings.of("127.0.0.1:9876", "127.0.0.1", "i", null, 1, 1, 1, null,
                TlsConfig.from(p), null, new Credentials("app", "secret-456", "token-789"));
        assertThat(settings.toString()).contains("app", "/etc/app/client.crt")
                .doesNotContain("secret-456", "token-789", "key-password-123");
    }

    @Test
    void credentialsNeedAnAccessKeyAndASecretKey() {
        assertThatThrownBy(() -> new Credentials(" ", "s", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessKey");
        assertThatThrownBy(() -> new Credentials("a", "", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretKey");
        assertThat(new Credentials("a", "s", "").securityToken()).isNull();
    }
}
