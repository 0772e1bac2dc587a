package io.apogee.remoting.protocol.body;

/** The queues one broker holds for a topic, as routes carry them. Immutable. */
public record QueueData(String brokerName, int perm, int readQueueNums, int topicSysFlag, int writeQueueNums) {

    public QueueData withPerm(int newPerm) {
        return new QueueData(brokerName, newPerm, readQueueNums, topicSysFlag, writeQueueNums);
    }
}
