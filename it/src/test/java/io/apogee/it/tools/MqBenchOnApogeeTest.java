package io.apogee.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bin/mqbench} from the distribution against our name server and broker, also from the distribution. */
class MqBenchOnApogeeTest {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);

    private static ApogeeNamesrvProcess namesrv;
    private static ApogeeBrokerProcess broker;

    @BeforeAll
    static void startCluster() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("mqbench-broker", namesrv.address(),
                Map.of("autoCreateTopicEnable", "true", "flushDiskType", "ASYNC_FLUSH"));
    }

    @AfterAll
    static void stopCluster() {
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void producePrintsJsonSecondsAndASummaryOfStoredMessages() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", "MqBenchProduce",
                "-w", "4", "-s", "512", "-d", "3", "--json")) {
            assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
            List<JSONObject> lines = run.jsonLines();
            assertThat(lines).hasSize(4);
            for (int second = 1; second <= 3; second++) {
                JSONObject line = lines.get(second - 1);
                assertThat(line.getString("type")).isEqualTo("interval");
                assertThat(line.getString("mode")).isEqualTo("produce");
                assertThat(line.getLongValue("second")).isEqualTo(second);
                assertThat(line.containsKey("receive")).isFalse();
            }
            JSONObject send = run.summary().getJSONObject("send");
            assertThat(send.getLongValue("messages")).isPositive();
            assertThat(send.getLongValue("bytes")).isEqualTo(send.getLongValue("messages") * 512);
            assertThat(send.getLongValue("errors")).isZero();
            assertThat(send.getDoubleValue("p99Ms")).isPositive();
        }
    }

    @Test
    void e2eReceivesWhatItSendsInOneProcess() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "e2e", "-n", namesrv.address(), "-t", "MqBenchE2e",
                "-g", "mqbench_e2e_it", "-w", "2", "-d", "4", "--json")) {
            assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
            JSONObject summary = run.summary();
            assertThat(summary.getString("mode")).isEqualTo("e2e");
            JSONObject send = summary.getJSONObject("send");
            JSONObject receive = summary.getJSONObject("receive");
            assertThat(send.getLongValue("messages")).isPositive();
            assertThat(send.getLongValue("errors")).isZero();
            assertThat(receive.getLongValue("messages")).isPositive();
            assertThat(receive.getLongValue("errors")).isZero();
            assertThat(receive.getDoubleValue("p50Ms")).isNotNegative();
        }
    }

    @Test
    void consumeReceivesWhatAConcurrentProduceSends() throws Exception {
        String topic = "MqBenchConsume";
        // The topic exists before the consumer subscribes, as it would for an operator's consume run.
        MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", topic, "-w", "1", "-d", "1").close();
        try (MqBenchRun consume = MqBenchRun.start("consume", "-n", namesrv.address(), "-t", topic, "-g",
                "mqbench_consume_it", "-w", "4", "-d", "0", "--json")) {
            consume.awaitStdoutLines(2, RUN_DEADLINE); // consuming for two seconds: subscribed, queues assigned
            try (MqBenchRun produce = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", topic,
                    "-w", "2", "-d", "2", "--json")) {
                assertThat(produce.exitCode()).as("stderr: %s", produce.stderr()).isZero();
            }
            consume.interrupt();
            consume.awaitExit(RUN_DEADLINE);
            JSONObject summary = consume.summary();
            assertThat(summary.getString("mode")).isEqualTo("consume");
            assertThat(summary.containsKey("send")).isFalse();
            JSONObject receive = summary.getJSONObject("receive");
            assertThat(receive.getLongValue("messages")).isPositive();
            assertThat(receive.getLongValue("bytes")).isEqualTo(receive.getLongValue("messages") * 1024);
            assertThat(receive.getLongValue("errors")).isZero();
        }
    }

    @Test
    void ctrlCEndsARunWithoutDurationWithItsSummary() throws Exception {
        try (MqBenchRun run = MqBenchRun.start("produce", "-n", namesrv.address(), "-t", "MqBenchProduce", "-w", "2",
                "-d", "0")) {
            run.awaitStdoutLines(3, RUN_DEADLINE); // the start line and two seconds
            run.interrupt();
            run.awaitExit(RUN_DEADLINE);
            assertThat(run.stdout()).contains("--- produce summary after").contains(" messages, ");
            assertThat(run.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void anUnreachableNameServerIsAClearErrorWithExitTwo() throws Exception {
        String nobody = "127.0.0.1:" + FreePorts.one();
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", nobody, "-d", "2", "--json")) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).contains("mqbench: cannot use the cluster behind name server(s) " + nobody);
        }
    }

    @Test
    void aBadOptionIsAUsageErrorWithExitOne() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "--threads", "many")) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).contains("mqbench: --threads must be a whole number: many")
                    .contains("usage: mqbench produce|consume|e2e");
        }
    }
}
