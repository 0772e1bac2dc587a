package io.apogee.tools.bench;

import io.apogee.client.consumer.ConsumeFromWhere;
import io.apogee.client.consumer.PushConsumer;
import io.apogee.client.consumer.PushConsumerBuilder;
import io.apogee.client.producer.Producer;

/** Builds the run's clients from the options: name servers, TLS and ACL credentials alike on every one. */
final class BenchClients {
    private BenchClients() {
    }

    static Producer producer(BenchOptions options, String group) {
        Producer.Builder builder = Producer.builder().namesrvAddr(options.namesrvAddr()).producerGroup(group)
                .useTLS(options.tls());
        if (options.authenticated()) {
            builder.credentials(options.accessKey(), options.secretKey());
        }
        return builder.build();
    }

    static BenchConsumer consumer(BenchOptions options) {
        PushConsumerBuilder builder = PushConsumer.builder().namesrvAddr(options.namesrvAddr())
                .consumerGroup(options.group()).useTLS(options.tls())
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET)
                .consumeThreadMin(options.consumerThreads()).consumeThreadMax(options.consumerThreads())
                // A topic the name servers learn of after the subscription is picked up within seconds.
                .rebalanceInterval(2_000);
        if (options.authenticated()) {
            builder.credentials(options.accessKey(), options.secretKey());
        }
        return new PushBenchConsumer(builder, options.topic());
    }
}
