package io.apogee.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/mqbench} from our distribution against the official 5.3.3 name server and two brokers (the
 * shared official target): produce, and e2e with our push consumer.
 */
class MqBenchOnOfficialTest {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);

    private final Target target = Targets.official();

    private String topic(String name) {
        String topic = name + "_" + Long.toString(System.nanoTime(), 36);
        target.createTopic(topic, 2);
        return topic;
    }

    @Test
    void producesToTheOfficialBroker() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", target.namesrvAddr(), "-t",
                topic("MqBenchOfficial"), "-w", "4", "-d", "3", "--json")) {
            assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
            JSONObject send = run.summary().getJSONObject("send");
            assertThat(send.getLongValue("messages")).isPositive();
            assertThat(send.getLongValue("errors")).isZero();
        }
    }

    @Test
    void e2eReceivesWhatItSendsThroughTheOfficialBroker() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "e2e", "-n", target.namesrvAddr(), "-t",
                topic("MqBenchOfficialE2e"), "-g", "mqbench_official_e2e", "-w", "2", "-d", "5", "--json")) {
            assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
            JSONObject summary = run.summary();
            assertThat(summary.getJSONObject("send").getLongValue("messages")).isPositive();
            assertThat(summary.getJSONObject("send").getLongValue("errors")).isZero();
            assertThat(summary.getJSONObject("receive").getLongValue("messages")).isPositive();
            assertThat(summary.getJSONObject("receive").getLongValue("errors")).isZero();
        }
    }
}
