package io.apogee.acl.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.acl.model.Action;
import io.apogee.acl.model.Resource;
import io.apogee.remoting.protocol.RemotingCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestAccessesTest {
    private final RequestAccesses accesses = new RequestAccesses("ItCluster");

    @Test
    void sendNeedsPubOnTheTopicAndARetrySendSubOnTheGroup() {
        assertThat(accesses.of(RemotingCommand.request(310).putExtField("a", "pg").putExtField("b", "orders")))
                .containsExactly(Access.of(Resource.topic("orders"), Action.PUB));
        assertThat(accesses.of(RemotingCommand.request(10).putExtField("topic", "%RETRY%cg")))
                .containsExactly(Access.of(Resource.group("cg"), Action.SUB));
    }

    @Test
    void pullNeedsTheGroupAsWellAsTheTopic() {
        assertThat(accesses.of(RemotingCommand.request(11).putExtField("topic", "orders")
                .putExtField("consumerGroup", "cg"))).containsExactly(Access.of(Resource.topic("orders"), Action.SUB),
                Access.of(Resource.group("cg"), Action.SUB));
        assertThat(accesses.of(RemotingCommand.request(11).putExtField("topic", "%RETRY%cg")
                .putExtField("consumerGroup", "cg"))).containsExactly(Access.of(Resource.group("cg"), Action.SUB));
    }

    @Test
    void heartbeatNeedsEachConsumerGroupAndSubscribedTopic() {
        String body = "{\"clientID\":\"c\",\"consumerDataSet\":[{\"groupName\":\"cg\",\"subscriptionDataSet\":"
                + "[{\"topic\":\"orders\"},{\"topic\":\"%RETRY%cg\"}]}],\"producerDataSet\":[{\"groupName\":\"pg\"}]}";
        assertThat(accesses.of(RemotingCommand.request(34).body(body.getBytes(StandardCharsets.UTF_8))))
                .containsExactlyInAnyOrder(Access.of(Resource.group("cg"), Action.SUB),
                        Access.of(Resource.topic("orders"), Action.SUB));
    }

    @Test
    void adminCodesNeedTheClusterAndUnmappedCodesNothing() {
        assertThat(accesses.of(RemotingCommand.request(3001).putExtField("username", "x")))
                .containsExactly(Access.of(Resource.cluster("ItCluster"), Action.UPDATE));
        assertThat(accesses.of(RemotingCommand.request(3005)))
                .containsExactly(Access.of(Resource.cluster("ItCluster"), Action.GET));
        assertThat(accesses.of(RemotingCommand.request(17).putExtField("topic", "t")))
                .containsExactly(Access.of(Resource.topic("t"), Action.CREATE));
        assertThat(accesses.of(RemotingCommand.request(208).putExtField("consumerGroup", "g")
                .putExtField("topicList", "a;b"))).containsExactly(Access.of(Resource.group("g"), Action.GET),
                Access.of(Resource.topic("a"), Action.GET), Access.of(Resource.topic("b"), Action.GET));
        assertThat(accesses.of(RemotingCommand.request(25))).isEmpty();
        assertThat(accesses.of(RemotingCommand.request(17))).isEmpty();
    }
}
