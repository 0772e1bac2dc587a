package io.apogee.it.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.producer.Producer;
import io.apogee.it.support.OfficialBrokerProcess;
import io.apogee.it.support.OfficialNamesrvProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bin/mqbench} from our distribution against the official 5.3.3 name server and broker. */
class MqBenchOnOfficialTest {
    @Test
    void producesToTheOfficialBroker() throws Exception {
        try (OfficialNamesrvProcess namesrv = OfficialNamesrvProcess.start();
                OfficialBrokerProcess broker = OfficialBrokerProcess.start("MqBenchCluster", "mqbench-official",
                        namesrv.address(), Map.of("autoCreateTopicEnable", "true"))) {
            awaitRegistered(namesrv.address());
            try (MqBenchRun run = MqBenchRun.run(Duration.ofSeconds(60), "produce", "-n", namesrv.address(), "-t",
                    "MqBenchOfficial", "-w", "4", "-d", "3", "--json")) {
                assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
                JSONObject send = run.summary().getJSONObject("send");
                assertThat(send.getLongValue("messages")).isPositive();
                assertThat(send.getLongValue("errors")).isZero();
            }
        }
    }

    /** The official broker registers with the name server after its boot line: wait for its default route. */
    private static void awaitRegistered(String namesrvAddr) {
        try (Producer probe = Producer.builder().namesrvAddr(namesrvAddr).producerGroup("mqbench_it_probe").build()) {
            await("the official broker's registration").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> !probe.publishQueues("MqBenchOfficial").isEmpty());
        }
    }
}
