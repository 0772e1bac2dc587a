package io.apogee.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bin/mqbench} with ACL credentials against our broker with authentication and authorization on. */
class MqBenchAclTest {
    private static final String ROOT = "rocketmq";
    private static final String ROOT_SECRET = "12345678";
    private static final String TOPIC = "MqBenchAcl";
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);

    private static ApogeeNamesrvProcess namesrv;
    private static ApogeeBrokerProcess broker;

    @BeforeAll
    static void startApogeeWithAcl() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-mqbench-acl", namesrv.address(), Map.of(
                "authenticationEnabled", "true",
                "authorizationEnabled", "true",
                "authenticationMetadataProvider",
                "org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider",
                "authorizationMetadataProvider",
                "org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider",
                "initAuthenticationUser", "{\"username\":\"" + ROOT + "\",\"password\":\"" + ROOT_SECRET + "\"}",
                "innerClientAuthenticationCredentials", "{\"accessKey\":\"inner\",\"secretKey\":\"inner-secret\"}"));
        DefaultMQAdminExt admin = new DefaultMQAdminExt(
                new AclClientRPCHook(new SessionCredentials(ROOT, ROOT_SECRET)), 5_000);
        admin.setAdminExtGroup("mqbench_acl_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
        try {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 2, 2, 6));
        } finally {
            admin.shutdown();
        }
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
    void signedSendsAndReceiptsSucceed() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "e2e", "-n", namesrv.address(), "-t", TOPIC, "-g",
                "mqbench_acl_e2e", "-w", "2", "-d", "3", "--json", "--acl-access-key", ROOT, "--acl-secret-key",
                ROOT_SECRET)) {
            assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
            JSONObject summary = run.summary();
            assertThat(summary.getJSONObject("send").getLongValue("messages")).isPositive();
            assertThat(summary.getJSONObject("send").getLongValue("errors")).isZero();
            assertThat(summary.getJSONObject("receive").getLongValue("messages")).isPositive();
        }
    }

    @Test
    void withoutCredentialsNothingIsSentAndTheRunFails() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", TOPIC, "-w", "1",
                "-d", "2", "--json")) {
            assertThat(run.exitCode()).isEqualTo(2);
            JSONObject send = run.summary().getJSONObject("send");
            assertThat(send.getLongValue("messages")).isZero();
            assertThat(send.getLongValue("errors")).isPositive();
            assertThat(run.stderr()).contains("mqbench: no message was sent; last error:");
        }
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        try (MqBenchRun run = MqBenchRun.run(RUN_DEADLINE, "produce", "-n", namesrv.address(), "-t", TOPIC, "-w", "1",
                "-d", "2", "--json", "--acl-access-key", ROOT, "--acl-secret-key", "wrong")) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.summary().getJSONObject("send").getLongValue("messages")).isZero();
        }
    }
}
