package io.apogee.acl.authz;

import io.apogee.acl.model.Action;
import io.apogee.acl.model.Resource;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.HeartbeatData;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.SubscriptionData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each request code needs (06-acl2.md §3.1): the resources it touches, read from its header
 * fields (and for heartbeats and queue locks, from its body), and the actions it needs on them. A
 * code without a rule, or a request from which no resource can be built, yields nothing and is not
 * authorized (authentication still applies). Immutable and thread-safe.
 */
public final class RequestAccesses {
    /** How a header field names a resource. */
    private enum Kind { TOPIC, GROUP, TOPICS_SEMICOLON, GROUPS_COMMA, CLUSTER }

    private record Field(String name, Kind kind) {
    }

    /** A rule read from header fields alone; {@code cluster} when an absent name means this broker's cluster. */
    private record FieldRule(List<Field> fields, Set<Action> actions, boolean cluster) {
    }

    @FunctionalInterface
    private interface Rule {
        void collect(RemotingCommand request, String clusterName, List<Access> out);
    }

    /** What a send needs, shared by every send (an immutable set is taken by {@link Access} as it is). */
    private static final Set<Action> PUB = Set.of(Action.PUB);
    private static final Set<Action> SUB = Set.of(Action.SUB);

    private final String clusterName;
    private final Map<Integer, Rule> rules = new HashMap<>();
    /** {@link #rules} as sorted codes and their rules, searched without boxing the request code. */
    private final int[] codes;
    private final Rule[] codeRules;

    public RequestAccesses(String clusterName) {
        this.clusterName = clusterName;
        explicitRules();
        fieldRules();
        codes = rules.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        codeRules = new Rule[codes.length];
        for (int i = 0; i < codes.length; i++) {
            codeRules[i] = rules.get(codes[i]);
        }
    }

    /** The accesses {@code request} needs; empty when it is not subject to authorization. */
    public List<Access> of(RemotingCommand request) {
        int index = Arrays.binarySearch(codes, request.code());
        if (index < 0) {
            return List.of();
        }
        Rule rule = codeRules[index];
        List<Access> out = new ArrayList<>(2);
        rule.collect(request, clusterName, out);
        return out;
    }

    private void explicitRules() {
        rules.put(105, (r, c, out) -> {
            String topic = r.extField("topic");
            if (topic != null) {
                out.add(Resource.isRetryTopic(topic) ? Access.of(Resource.group(topic), Action.SUB, Action.GET)
                        : Access.of(Resource.topic(topic), Action.PUB, Action.SUB, Action.GET));
            }
        });
        rules.put(10, (r, c, out) -> send(r.extField("topic"), out));
        Rule sendV2 = (r, c, out) -> send(r.extField("b"), out);
        rules.put(310, sendV2);
        rules.put(320, sendV2);
        rules.put(370, (r, c, out) -> topic(r.extField("topic"), out, Action.PUB));
        rules.put(37, (r, c, out) -> topic(r.extField("topic"), out, Action.PUB));
        rules.put(36, (r, c, out) -> group(r.extField("group"), out, Action.SUB));
        Rule pull = (r, c, out) -> {
            nonRetryTopic(r.extField("topic"), out, Action.SUB);
            group(r.extField("consumerGroup"), out, Action.SUB);
        };
        rules.put(11, pull);
        rules.put(361, pull);
        rules.put(12, (r, c, out) -> topic(r.extField("topic"), out, Action.SUB, Action.GET));
        rules.put(34, (r, c, out) -> heartbeat(r.body(), out));
        rules.put(35, (r, c, out) -> group(r.extField("consumerGroup"), out, Action.SUB));
        rules.put(38, (r, c, out) -> group(r.extField("consumerGroup"), out, Action.SUB, Action.GET));
        rules.put(14, (r, c, out) -> {
            nonRetryTopic(r.extField("topic"), out, Action.SUB, Action.GET);
            group(r.extField("consumerGroup"), out, Action.SUB, Action.GET);
        });
        rules.put(15, (r, c, out) -> {
            nonRetryTopic(r.extField("topic"), out, Action.SUB, Action.UPDATE);
            group(r.extField("consumerGroup"), out, Action.SUB, Action.UPDATE);
        });
        Rule lock = (r, c, out) -> lock(r.body(), out);
        rules.put(41, lock);
        rules.put(42, lock);
    }

    private void fieldRules() {
        Field topic = new Field("topic", Kind.TOPIC);
        Field group = new Field("group", Kind.GROUP);
        Field consumerGroup = new Field("consumerGroup", Kind.GROUP);
        field(17, Set.of(Action.CREATE), topic);
        field(215, Set.of(Action.DELETE), topic);
        field(207, Set.of(Action.DELETE), new Field("groupName", Kind.GROUP));
        for (int code : new int[] {202, 351, 29, 30, 31, 32, 33, 300, 354}) {
            field(code, Set.of(Action.GET), topic);
        }
        field(352, Set.of(Action.GET), group);
        field(208, Set.of(Action.GET), consumerGroup, topic, new Field("topicList", Kind.TOPICS_SEMICOLON));
        field(203, Set.of(Action.GET), consumerGroup);
        field(307, Set.of(Action.GET), consumerGroup);
        field(223, Set.of(Action.GET), topic, group);
        field(222, Set.of(Action.UPDATE), group, topic);
        field(314, Set.of(Action.UPDATE), new Field("destGroup", Kind.GROUP), topic);
        field(353, Set.of(Action.UPDATE), group, topic);
        field(323, Set.of(Action.UPDATE), topic);
        field(343, Set.of(Action.GET), group);
        field(345, Set.of(Action.GET), group, topic);
        field(303, Set.of(Action.GET), topic, group);
        field(308, Set.of(Action.GET), new Field("filterGroups", Kind.GROUPS_COMMA),
                new Field("compareGroup", Kind.GROUP), topic);
        field(321, Set.of(Action.GET), topic, consumerGroup);
        field(309, Set.of(Action.SUB), consumerGroup, topic);
        field(40, Set.of(Action.SUB), consumerGroup);
        field(326, Set.of(Action.SUB), new Field("producerGroup", Kind.GROUP), topic);
        field(39, Set.of(Action.PUB), topic);
        for (int code = 200050; code <= 200054; code++) {
            field(code, Set.of(Action.SUB), consumerGroup, topic);
        }
        field(200055, Set.of(Action.GET), consumerGroup, topic);
        for (int code : new int[] {315, 317, 328, 204, 355, 3004, 3005, 3009, 3010}) {
            cluster(code, Action.GET);
        }
        for (int code : new int[] {3001, 3002, 3003, 3006, 3007, 3008, 902, 903, 905, 906, 908, 1008}) {
            cluster(code, Action.UPDATE);
        }
        rules.put(901, fieldRule(new FieldRule(List.of(new Field("clusterName", Kind.CLUSTER)),
                Set.of(Action.GET), true)));
        // Name-server codes (checked only by Apogee's name server, when its ACL is on): what changes the
        // routes or the KV store needs Cluster Update, the KV and version reads Cluster Get.
        Field clusterName = new Field("clusterName", Kind.CLUSTER);
        for (int code : new int[] {103, 104, 904}) {
            rules.put(code, fieldRule(new FieldRule(List.of(clusterName), Set.of(Action.UPDATE), true)));
        }
        rules.put(322, fieldRule(new FieldRule(List.of(clusterName), Set.of(Action.GET), true)));
        for (int code : new int[] {100, 102, 205, 216, 217, 318, 327}) {
            cluster(code, Action.UPDATE);
        }
        for (int code : new int[] {101, 219, 319}) {
            cluster(code, Action.GET);
        }
    }

    private void field(int code, Set<Action> actions, Field... fields) {
        rules.put(code, fieldRule(new FieldRule(List.of(fields), actions, false)));
    }

    private void cluster(int code, Action action) {
        rules.put(code, fieldRule(new FieldRule(List.of(), Set.of(action), true)));
    }

    private static Rule fieldRule(FieldRule rule) {
        return (request, clusterName, out) -> {
            int before = out.size();
            for (Field field : rule.fields()) {
                String value = request.extField(field.name());
                if (value == null || value.isEmpty()) {
                    continue;
                }
                switch (field.kind()) {
                    case TOPIC -> out.add(new Access(Resource.ofTopicField(value), rule.actions()));
                    case GROUP -> out.add(new Access(Resource.group(value), rule.actions()));
                    case CLUSTER -> out.add(new Access(Resource.cluster(value), rule.actions()));
                    case TOPICS_SEMICOLON -> split(value, ";", name -> out.add(
                            new Access(Resource.ofTopicField(name), rule.actions())));
                    case GROUPS_COMMA -> split(value, ",", name -> out.add(
                            new Access(Resource.group(name), rule.actions())));
                }
            }
            if (out.size() == before && rule.cluster()) {
                out.add(new Access(Resource.cluster(clusterName), rule.actions()));
            }
        };
    }

    private static void split(String value, String separator, java.util.function.Consumer<String> each) {
        for (String part : value.split(java.util.regex.Pattern.quote(separator))) {
            if (!part.isBlank()) {
                each.accept(part.trim());
            }
        }
    }

    private static void send(String topic, List<Access> out) {
        if (topic == null) {
            return;
        }
        out.add(Resource.isRetryTopic(topic) ? new Access(Resource.group(topic), SUB)
                : new Access(Resource.topic(topic), PUB));
    }

    private static void topic(String topic, List<Access> out, Action... actions) {
        if (topic != null && !topic.isEmpty()) {
            out.add(Access.of(Resource.ofTopicField(topic), actions));
        }
    }

    private static void nonRetryTopic(String topic, List<Access> out, Action... actions) {
        if (topic != null && !topic.isEmpty() && !Resource.isRetryTopic(topic)) {
            out.add(Access.of(Resource.topic(topic), actions));
        }
    }

    private static void group(String group, List<Access> out, Action... actions) {
        if (group != null && !group.isEmpty()) {
            out.add(Access.of(Resource.group(group), actions));
        }
    }

    private static void heartbeat(byte[] body, List<Access> out) {
        HeartbeatData data;
        try {
            data = JsonBody.decode(body, HeartbeatData.class);
        } catch (BodyException e) {
            return; // the processor answers a malformed body
        }
        for (ConsumerData consumer : data.consumerDataSet()) {
            group(consumer.groupName(), out, Action.SUB);
            for (SubscriptionData subscription : consumer.subscriptionDataSet()) {
                nonRetryTopic(subscription.topic(), out, Action.SUB);
            }
        }
    }

    private static void lock(byte[] body, List<Access> out) {
        LockBatchRequestBody data;
        try {
            data = JsonBody.decode(body, LockBatchRequestBody.class);
        } catch (BodyException e) {
            return;
        }
        group(data.consumerGroup(), out, Action.SUB);
        for (MessageQueue queue : data.mqSet()) {
            nonRetryTopic(queue.topic(), out, Action.SUB);
        }
    }
}
