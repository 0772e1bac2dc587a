package io.apogee.remoting.protocol.header;

/** The header of a {@code PULL_MESSAGE} response: where to continue and the queue's bounds. */
public final class PullMessageResponseHeader implements CommandHeader {
    @Required
    private Long suggestWhichBrokerId;
    @Required
    private Long nextBeginOffset;
    @Required
    private Long minOffset;
    @Required
    private Long maxOffset;
    private Long offsetDelta;
    private Integer topicSysFlag;
    private Integer groupSysFlag;
    private Integer forbiddenType;

    public Long suggestWhichBrokerId() {
        return suggestWhichBrokerId;
    }

    public PullMessageResponseHeader suggestWhichBrokerId(Long suggestWhichBrokerId) {
        this.suggestWhichBrokerId = suggestWhichBrokerId;
        return this;
    }

    public Long nextBeginOffset() {
        return nextBeginOffset;
    }

    public PullMessageResponseHeader nextBeginOffset(Long nextBeginOffset) {
        this.nextBeginOffset = nextBeginOffset;
        return this;
    }

    public Long minOffset() {
        return minOffset;
    }

    public PullMessageResponseHeader minOffset(Long minOffset) {
        this.minOffset = minOffset;
        return this;
    }

    public Long maxOffset() {
        return maxOffset;
    }

    public PullMessageResponseHeader maxOffset(Long maxOffset) {
        this.maxOffset = maxOffset;
        return this;
    }

    public Long offsetDelta() {
        return offsetDelta;
    }

    public PullMessageResponseHeader offsetDelta(Long offsetDelta) {
        this.offsetDelta = offsetDelta;
        return this;
    }

    public Integer topicSysFlag() {
        return topicSysFlag;
    }

    public PullMessageResponseHeader topicSysFlag(Integer topicSysFlag) {
        this.topicSysFlag = topicSysFlag;
        return this;
    }

    public Integer groupSysFlag() {
        return groupSysFlag;
    }

    public PullMessageResponseHeader groupSysFlag(Integer groupSysFlag) {
        this.groupSysFlag = groupSysFlag;
        return this;
    }

    public Integer forbiddenType() {
        return forbiddenType;
    }

    public PullMessageResponseHeader forbiddenType(Integer forbiddenType) {
        this.forbiddenType = forbiddenType;
        return this;
    }
}
