package io.apogee.broker.processor;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.JsonBody;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Small helpers the admin processors share: answers and the system-topic test. Stateless. */
final class AdminResponses {
    private static final Set<String> SYSTEM_TOPICS = Set.of(SystemTopics.AUTO_CREATE_TOPIC_KEY,
            SystemTopics.SCHEDULE_TOPIC, SystemTopics.TRANS_HALF_TOPIC, SystemTopics.TRANS_OP_HALF_TOPIC,
            SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC, SystemTopics.SELF_TEST_TOPIC, SystemTopics.OFFSET_MOVED_EVENT,
            "BenchmarkTest", "RMQ_SYS_TRACE_TOPIC");
    private static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";

    private AdminResponses() {
    }

    /** Topics operators may not create or delete through the admin requests. */
    static boolean isSystemTopic(String topic) {
        return SYSTEM_TOPICS.contains(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
    }

    static CompletionStage<RemotingCommand> ok() {
        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
    }

    static CompletionStage<RemotingCommand> ok(byte[] body) {
        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null).body(body));
    }

    static CompletionStage<RemotingCommand> okJson(Object body) {
        return ok(JsonBody.encode(body));
    }

    static CompletionStage<RemotingCommand> error(int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.response(code, remark));
    }

    static CompletionStage<RemotingCommand> notSupported(int code) {
        return error(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, "request type " + code + " not supported");
    }
}
