package io.apogee.remoting.protocol.header;

/**
 * The header of {@code SEND_MESSAGE_V2} and {@code SEND_BATCH_MESSAGE}: the send header with one-letter
 * wire keys, which keeps the most frequent request small. Accessors carry the long names.
 */
public final class SendMessageRequestHeaderV2 implements CommandHeader {
    @Required
    private String a;
    @Required
    private String b;
    @Required
    private String c;
    @Required
    private Integer d;
    @Required
    private Integer e;
    @Required
    private Integer f;
    @Required
    private Long g;
    @Required
    private Integer h;
    private String i;
    private Integer j;
    private Boolean k;
    private Integer l;
    private Boolean m;
    private String n;

    public String producerGroup() {
        return a;
    }

    public SendMessageRequestHeaderV2 producerGroup(String producerGroup) {
        this.a = producerGroup;
        return this;
    }

    public String topic() {
        return b;
    }

    public SendMessageRequestHeaderV2 topic(String topic) {
        this.b = topic;
        return this;
    }

    public String defaultTopic() {
        return c;
    }

    public SendMessageRequestHeaderV2 defaultTopic(String defaultTopic) {
        this.c = defaultTopic;
        return this;
    }

    public Integer defaultTopicQueueNums() {
        return d;
    }

    public SendMessageRequestHeaderV2 defaultTopicQueueNums(Integer defaultTopicQueueNums) {
        this.d = defaultTopicQueueNums;
        return this;
    }

    public Integer queueId() {
        return e;
    }

    public SendMessageRequestHeaderV2 queueId(Integer queueId) {
        this.e = queueId;
        return this;
    }

    public Integer sysFlag() {
        return f;
    }

    public SendMessageRequestHeaderV2 sysFlag(Integer sysFlag) {
        this.f = sysFlag;
        return this;
    }

    public Long bornTimestamp() {
        return g;
    }

    public SendMessageRequestHeaderV2 bornTimestamp(Long bornTimestamp) {
        this.g = bornTimestamp;
        return this;
    }

    public Integer flag() {
        return h;
    }

    public SendMessageRequestHeaderV2 flag(Integer flag) {
        this.h = flag;
        return this;
    }

    public String properties() {
        return i;
    }

    public SendMessageRequestHeaderV2 properties(String properties) {
        this.i = properties;
        return this;
    }

    public Integer reconsumeTimes() {
        return j;
    }

    public SendMessageRequestHeaderV2 reconsumeTimes(Integer reconsumeTimes) {
        this.j = reconsumeTimes;
        return this;
    }

    public Boolean unitMode() {
        return k;
    }

    public SendMessageRequestHeaderV2 unitMode(Boolean unitMode) {
        this.k = unitMode;
        return this;
    }

    public Integer maxReconsumeTimes() {
        return l;
    }

    public SendMessageRequestHeaderV2 maxReconsumeTimes(Integer maxReconsumeTimes) {
        this.l = maxReconsumeTimes;
        return this;
    }

    public Boolean batch() {
        return m;
    }

    public SendMessageRequestHeaderV2 batch(Boolean batch) {
        this.m = batch;
        return this;
    }

    public String brokerName() {
        return n;
    }

    public SendMessageRequestHeaderV2 brokerName(String brokerName) {
        this.n = brokerName;
        return this;
    }
}
