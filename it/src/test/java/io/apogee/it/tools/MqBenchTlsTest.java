package io.apogee.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bin/mqbench --tls} against our name server and broker with {@code tls.server.mode=enforcing}. */
class MqBenchTlsTest {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> ENFORCING = Map.of("tls.server.mode", "enforcing");

    private static ApogeeNamesrvProcess namesrv;
    private static ApogeeBrokerProcess broker;

    @BeforeAll
    static void startEnforcingCluster() throws Exception {
        namesrv = ApogeeNamesrvProcess.start(ENFORCING);
        broker = ApogeeBrokerProcess.start("broker-mqbench-tls", namesrv.address(),
                Map.of("tls.server.mode", "enforcing", "autoCreateTopicEnable", "true"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void tlsClientsProduce() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", "MqBenchTls",
                "-w", "2", "-d", "2", "--json", "--tls")) {
            assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
            JSONObject send = run.summary().getJSONObject("send");
            assertThat(send.getLongValue("messages")).isPositive();
            assertThat(send.getLongValue("errors")).isZero();
        }
    }

    @Test
    void aPlaintextClientCannotUseTheCluster() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", "MqBenchTls",
                "-w", "1", "-d", "2", "--json")) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).contains("mqbench: cannot use the cluster behind name server(s) " + namesrv.address());
        }
    }
}
