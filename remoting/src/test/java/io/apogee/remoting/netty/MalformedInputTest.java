package io.apogee.remoting.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.apogee.remoting.ConnectionListener;
import io.apogee.remoting.protocol.CommandCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.SerializeType;
import io.apogee.remoting.tls.TlsConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Throws at least 100,000 random and mutated frames, from several raw sockets at once, at a running
 * server (permissive TLS, so the TLS detector is in the line of fire too), plus a client that trickles
 * one byte a second, while a well-behaved client keeps calling. The server must close only the
 * offending connections and answer the well-behaved client every time.
 */
class MalformedInputTest {
    private static final int ECHO = 1000;
    private static final int FRAMES = 100_000;
    private static final int FUZZ_THREADS = 4;
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

    @Test
    void survivesHostileFramesAndKeepsServingOthers() throws Exception {
        Logger pipelineTail = (Logger) LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline");
        ListAppender<ILoggingEvent> escaped = new ListAppender<>();
        escaped.start();
        pipelineTail.addAppender(escaped);
        pipelineTail.setLevel(Level.DEBUG);
        Logger events = (Logger) LoggerFactory.getLogger(ConnectionEvents.class);
        Level eventsLevel = events.getLevel();
        events.setLevel(Level.ERROR); // one warning per closed connection would flood the test output

        AtomicInteger closedForCause = new AtomicInteger();
        Properties permissive = new Properties();
        permissive.setProperty(TlsConfig.SERVER_MODE, "permissive");
        NettyRemotingServer server = new NettyRemotingServer(new NettyServerConfig().bindAddress("127.0.0.1")
                .listenPort(0).frameMaxLength(1 << 20).tls(TlsConfig.from(permissive)));
        server.registerProcessor(ECHO, (ctx, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, null).body(request.body())));
        server.addConnectionListener(new ConnectionListener() {
            @Override
            public void onException(String remoteAddress, Channel channel, Throwable cause) {
                closedForCause.incrementAndGet();
            }
        });
        NettyRemotingClient good = new NettyRemotingClient(new NettyClientConfig());
        ExecutorService fuzzers = Executors.newFixedThreadPool(FUZZ_THREADS);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        Socket slow = new Socket();
        try {
            server.start();
            good.start();
            String address = "127.0.0.1:" + server.port();
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.port());

            slow.connect(target, 3000);
            byte[] slowFrame = frame(RemotingCommand.request(ECHO).putExtField("slow", "yes"), SerializeType.JSON);
            OutputStream slowOut = slow.getOutputStream();
            AtomicInteger slowSent = new AtomicInteger();
            trickle.scheduleAtFixedRate(() -> {
                int i = slowSent.getAndIncrement();
                if (i < slowFrame.length) {
                    try {
                        slowOut.write(slowFrame[i]);
                        slowOut.flush();
                    } catch (IOException ignored) {
                        // the server may close it; that is its right
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);

            AtomicLong framesSent = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < FUZZ_THREADS; t++) {
                long seed = SEED + t;
                running.add(fuzzers.submit(() -> {
                    Random random = new Random(seed);
                    while (framesSent.get() < FRAMES && System.nanoTime() < deadline) {
                        framesSent.addAndGet(fuzzOneConnection(random, target));
                    }
                    return null;
                }));
            }

            int goodCalls = 0;
            List<String> goodFailures = new ArrayList<>();
            byte[] payload = "still here".getBytes(StandardCharsets.UTF_8);
            while (running.stream().anyMatch(f -> !f.isDone()) && System.nanoTime() < deadline) {
                try {
                    RemotingCommand response = good.invokeSync(address, RemotingCommand.request(ECHO).body(payload), 5000);
                    if (response.code() != ResponseCode.SUCCESS || !java.util.Arrays.equals(response.body(), payload)) {
                        goodFailures.add("bad answer " + response);
                    }
                } catch (Exception e) {
                    goodFailures.add(e.toString());
                }
                goodCalls++;
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.SECONDS);
            }

            assertThat(framesSent.get()).as("frames sent, seed " + SEED).isGreaterThanOrEqualTo(FRAMES);
            assertThat(goodFailures).as("the well-behaved client, seed " + SEED).isEmpty();
            assertThat(goodCalls).isPositive();
            assertThat(closedForCause.get()).as("offending connections closed with a reason").isPositive();
            assertThat(escaped.list).as("exceptions that reached the end of a pipeline").isEmpty();
            RemotingCommand after = good.invokeSync(address, RemotingCommand.request(ECHO), 5000);
            assertThat(after.code()).isEqualTo(ResponseCode.SUCCESS);
        } finally {
            trickle.shutdownNow();
            fuzzers.shutdownNow();
            slow.close();
            good.shutdown();
            server.shutdown();
            pipelineTail.detachAppender(escaped);
            events.setLevel(eventsLevel);
        }
    }

    /** Opens one connection, writes a burst of hostile and valid frames, drains what comes back. */
    private static int fuzzOneConnection(Random random, InetSocketAddress target) throws IOException {
        int frames = 1 + random.nextInt(100);
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            burst.writeBytes(hostileFrame(random));
        }
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5000);
            socket.connect(target, 3000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(burst.toByteArray());
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                byte[] sink = new byte[8192];
                while (in.read(sink) >= 0) {
                    // drain the answers to the frames that were valid, until the server closes
                }
            } catch (IOException closedByServer) {
                // a reset while writing or reading: the server dropped this connection, as it should
            }
        }
        return frames;
    }

    private static byte[] hostileFrame(Random random) {
        RemotingCommand command = RemotingCommand.request(random.nextBoolean() ? ECHO : random.nextInt(500))
                .putExtField("k" + random.nextInt(10), "v\u00e9\u4e2d" + random.nextInt())
                .remark(random.nextBoolean() ? null : "r" + random.nextInt())
                .flag(random.nextInt(4))
                .body(random.nextInt(4) == 0 ? randomBytes(random, random.nextInt(2048)) : null);
        byte[] valid = frame(command, random.nextBoolean() ? SerializeType.JSON : SerializeType.ROCKETMQ);
        ByteBuffer frame = ByteBuffer.wrap(valid);
        switch (random.nextInt(10)) {
            case 0:
                return valid;
            case 1: // a negative, zero or huge length
                frame.putInt(0, new int[] {-1, Integer.MIN_VALUE, 0, 1, 3, Integer.MAX_VALUE, (1 << 20) + 1}[random.nextInt(7)]);
                return valid;
            case 2: // a header length past the end of the frame
                frame.putInt(4, (frame.getInt(4) & 0xFF000000) | (valid.length + random.nextInt(1 << 20)) & 0xFFFFFF);
                return valid;
            case 3: // an unknown serialize type
                frame.put(4, (byte) (2 + random.nextInt(254)));
                return valid;
            case 4: { // a JSON header that is not JSON
                byte[] junk = ("{\"code\":" + random.nextInt() + ",\"extFields\":{\"a\":[" + "}}").getBytes(StandardCharsets.UTF_8);
                ByteBuffer bad = ByteBuffer.allocate(8 + junk.length);
                bad.putInt(4 + junk.length).putInt(junk.length).put(junk);
                return bad.array();
            }
            case 5: // truncated: the rest of the stream is read as the next frame
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 6: // random bytes throughout
                return randomBytes(random, 1 + random.nextInt(64));
            case 7: { // flipped bytes in the header
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    int at = 8 + random.nextInt(Math.max(1, valid.length - 8));
                    if (at < valid.length) {
                        valid[at] = (byte) random.nextInt(256);
                    }
                }
                return valid;
            }
            case 8: { // a binary header whose inner lengths lie
                byte[] binary = frame(command, SerializeType.ROCKETMQ);
                ByteBuffer b = ByteBuffer.wrap(binary);
                int remarkLengthAt = 8 + 13;
                b.putInt(remarkLengthAt, random.nextBoolean() ? -random.nextInt(1000) - 1 : random.nextInt());
                return binary;
            }
            default: // a TLS record header on a plaintext stream, with garbage after it
                byte[] tls = randomBytes(random, 5 + random.nextInt(64));
                tls[0] = 0x16;
                return tls;
        }
    }

    private static byte[] frame(RemotingCommand command, SerializeType type) {
        ByteBuf buf = CommandCodec.encode(command.serializeType(type), UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
