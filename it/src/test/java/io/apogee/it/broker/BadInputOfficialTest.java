package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input against our broker, with the official 5.3.3 client wherever it would send the request and
 * our own remoting client where it would refuse to: each gets the response code the official client
 * understands, and after each the broker still takes an ordinary send from the official producer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputOfficialTest {
    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    private static final long CALL_TIMEOUT_MILLIS = 5_000;
    private static final String TOPIC = "BadInputTopic";
    private static final String READ_ONLY_TOPIC = "BadInputReadOnlyTopic";

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private DefaultMQProducer producer;
    private DefaultMQAdminExt admin;
    private NettyRemotingClient client;

    @BeforeAll
    void startApogee() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-a", namesrv.address(),
                Map.of("maxMessageSize", Integer.toString(MAX_MESSAGE_SIZE)));
        admin = new DefaultMQAdminExt("bad_input_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(READ_ONLY_TOPIC, 4, 4, 4));
        producer = new DefaultMQProducer("bad_input_producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.setSendMsgTimeout(5_000);
        producer.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    void stopApogee() {
        if (client != null) {
            client.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    /** After each bad request, an ordinary send from the official producer still succeeds. */
    @AfterEach
    void brokerKeepsServing() throws Exception {
        assertThat(broker.isAlive()).isTrue();
        SendResult result = producer.send(new Message(TOPIC, "ok".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }

    private RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(broker.address(), request, CALL_TIMEOUT_MILLIS);
    }

    @Test
    void unknownRequestCodesAreAnsweredNotSupported() throws Exception {
        for (int code : new int[] {9999, 77, 123456}) {
            RemotingCommand response = call(RemotingCommand.request(code));
            assertThat(response.code()).as("code " + code).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
            assertThat(response.remark()).contains(Integer.toString(code)).contains("not supported");
        }
    }

    @Test
    void missingHeaderFieldsAreASystemErrorNamingTheField() throws Exception {
        RemotingCommand noQueue = RemotingCommand.request(RequestCode.GET_MAX_OFFSET).putExtField("topic", TOPIC);
        RemotingCommand response = call(noQueue);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("queueId");

        RemotingCommand noGroup = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExtField("topic", TOPIC).putExtField("queueId", "0");
        response = call(noGroup);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("consumerGroup");

        // A send with a body but no header at all.
        RemotingCommand bareSend = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .body("orphan".getBytes(StandardCharsets.UTF_8));
        response = call(bareSend);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isNotBlank();
    }

    @Test
    void aMessageOverTheBrokersSizeLimitIsIllegal() throws Exception {
        // Random bytes: the client compresses bodies over 4 KiB, and these stay over the limit.
        byte[] big = new byte[MAX_MESSAGE_SIZE + 16 * 1024];
        new Random(42).nextBytes(big);
        Throwable thrown = catchThrowable(() -> producer.send(new Message(TOPIC, big)));
        assertThat(thrown).isInstanceOf(MQBrokerException.class);
        assertThat(((MQBrokerException) thrown).getResponseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);

        byte[] fits = new byte[MAX_MESSAGE_SIZE / 2];
        new Random(43).nextBytes(fits);
        assertThat(producer.send(new Message(TOPIC, fits)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }

    @Test
    void aSendToATopicWithoutWritePermissionIsRefusedAndNothingIsStored() throws Exception {
        await("read-only route").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.examineTopicRouteInfo(READ_ONLY_TOPIC).getQueueDatas()).singleElement()
                        .satisfies(queues -> assertThat(queues.getPerm()).isEqualTo(4)));
        // The route has no writable queue, so the official client refuses to send (as against the
        // official broker, which itself does not check a topic's write bit on send: routes keep clients away).
        Throwable routed = catchThrowable(() -> producer.send(
                new Message(READ_ONLY_TOPIC, "nope".getBytes(StandardCharsets.UTF_8))));
        assertThat(routed).isInstanceOf(MQClientException.class)
                .hasMessageContaining("No route info of this topic: " + READ_ONLY_TOPIC);

        TopicStatsTable stats = admin.examineTopicStats(READ_ONLY_TOPIC);
        assertThat(stats.getOffsetTable()).hasSize(4);
        stats.getOffsetTable().values().forEach(offsets -> assertThat(offsets.getMaxOffset()).isZero());
    }

    @Test
    void aPullOrOffsetQueryForAQueueThatDoesNotExist() throws Exception {
        MessageQueue missing = new MessageQueue(TOPIC, "broker-a", 99);
        DefaultMQPullConsumer pull = new DefaultMQPullConsumer("bad_input_pull");
        pull.setNamesrvAddr(namesrv.address());
        pull.start();
        try {
            Throwable thrown = catchThrowable(() -> pull.pull(missing, "*", 0, 32));
            assertThat(thrown).isInstanceOf(MQBrokerException.class);
            assertThat(((MQBrokerException) thrown).getResponseCode()).isEqualTo(ResponseCode.INVALID_PARAMETER);
            // The official client maps QUERY_NOT_FOUND to -1 ("no offset").
            assertThat(pull.fetchConsumeOffset(missing, true)).isEqualTo(-1L);
            assertThat(pull.maxOffset(missing)).isZero();
            assertThat(pull.minOffset(missing)).isZero();
        } finally {
            pull.shutdown();
        }
        RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExtField("consumerGroup", "bad_input_pull").putExtField("topic", TOPIC)
                .putExtField("queueId", "99");
        assertThat(call(query).code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        RemotingCommand negative = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExtField("consumerGroup", "bad_input_pull").putExtField("topic", TOPIC)
                .putExtField("queueId", "-1").putExtField("queueOffset", "0").putExtField("maxMsgNums", "32")
                .putExtField("sysFlag", "4").putExtField("commitOffset", "0")
                .putExtField("suspendTimeoutMillis", "0").putExtField("subscription", "*")
                .putExtField("subVersion", "0").putExtField("expressionType", "TAG");
        assertThat(call(negative).code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    }

    @Test
    void aGarbageFrameClosesOnlyThatConnection() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // A frame that claims 2 GiB, then a header length larger than the frame.
            out.write(ByteBuffer.allocate(16).putInt(Integer.MAX_VALUE).putInt(0x7FFFFFF0).putLong(-1).array());
            out.flush();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("the broker closes the connection").isEqualTo(-1);
        }
    }
}
