package io.apogee.broker.processor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.apogee.acl.AuditLog;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.AdminHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every change to topics, subscription groups and the broker config leaves one line in the audit log
 * ({@value AuditLog#LOGGER_NAME}): who (the request's AccessKey), from where, what, and the decision;
 * config values are not logged, only their keys.
 */
class AdminAuditTest {
    @TempDir
    Path dir;
    private BrokerHarness broker;
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER_NAME);
    private Level auditLevel;

    @BeforeEach
    void start() throws Exception {
        audit.start();
        auditLogger.addAppender(audit);
        auditLevel = auditLogger.getLevel();
        auditLogger.setLevel(Level.INFO); // the test configuration logs WARN and above only
        broker = new BrokerHarness(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
        auditLogger.detachAppender(audit);
        auditLogger.setLevel(auditLevel);
    }

    private RemotingCommand call(RemotingCommand request) throws Exception {
        return broker.call(request.putExtField("AccessKey", "admin-ak"));
    }

    private List<String> lines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void awaitLine(String expected) throws InterruptedException {
        assertThat(BrokerHarness.await(() -> lines().stream().anyMatch(l -> l.startsWith(expected))))
                .as("audit line starting with <%s> in %s", expected, lines()).isTrue();
    }

    private RemotingCommand createTopic(String topic, int queues) throws Exception {
        return call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, new AdminHeaders.CreateTopic(
                topic, "TBW102", queues, queues, 6, "SINGLE_TAG", 0, false, "+message.type=NORMAL", false)));
    }

    @Test
    void topicChangesAreAudited() throws Exception {
        assertThat(createTopic("audit_t", 2).code()).isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=createTopic target=Topic:audit_t user=admin-ak from=127.0.0.1");
        assertThat(lines().get(lines().size() - 1)).endsWith("outcome=\"done\"");
        assertThat(createTopic("audit_t", 4).code()).isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=updateTopic target=Topic:audit_t user=admin-ak");
        assertThat(call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER,
                new AdminHeaders.TopicRequest("audit_t", true))).code()).isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=deleteTopic target=Topic:audit_t user=admin-ak");

        // A refused change is audited with the refusal.
        assertThat(call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER,
                new AdminHeaders.TopicRequest("TBW102", true))).code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        awaitLine("event=change operation=deleteTopic target=Topic:TBW102 user=admin-ak");
        assertThat(lines().get(lines().size() - 1)).contains("outcome=\"refused: The topic[TBW102] is conflict");
    }

    @Test
    void groupChangesAreAudited() throws Exception {
        byte[] body = "{\"groupName\":\"audit_g\",\"retryMaxTimes\":5}".getBytes(StandardCharsets.UTF_8);
        assertThat(call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).body(body)).code())
                .isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=createGroup target=Group:audit_g user=admin-ak from=127.0.0.1");
        assertThat(call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).body(body)).code())
                .isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=updateGroup target=Group:audit_g user=admin-ak");
        assertThat(call(RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP,
                new AdminHeaders.DeleteSubscriptionGroup("audit_g", true))).code()).isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=deleteGroup target=Group:audit_g user=admin-ak");
        assertThat(lines().get(lines().size() - 1)).endsWith("outcome=\"done\"");
    }

    @Test
    void brokerConfigChangesAreAuditedWithoutValues() throws Exception {
        assertThat(call(RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body("defaultQueryMaxNum=7\n".getBytes(StandardCharsets.UTF_8))).code())
                .isEqualTo(ResponseCode.SUCCESS);
        awaitLine("event=change operation=updateBrokerConfig target=BrokerConfig:defaultQueryMaxNum user=admin-ak");
        assertThat(lines().get(lines().size() - 1)).endsWith("outcome=\"done\"").doesNotContain("=7");
        assertThat(call(RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body("brokerConfigPath=/tmp/x\n".getBytes(StandardCharsets.UTF_8))).code())
                .isEqualTo(ResponseCode.NO_PERMISSION);
        awaitLine("event=change operation=updateBrokerConfig target=BrokerConfig:brokerConfigPath user=admin-ak");
        assertThat(lines().get(lines().size() - 1))
                .endsWith("outcome=\"refused: Can not update config in black list.\"").doesNotContain("/tmp/x");
    }
}
