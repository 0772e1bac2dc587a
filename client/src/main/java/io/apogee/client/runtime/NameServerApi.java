package io.apogee.client.runtime;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.remoting.RemotingConnectException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The route requests a client makes to name servers, with fail-over: a call that cannot reach the
 * current name server moves to the next one and tries again, at most once per name server. Other
 * failures (a time-out, an error answer) are not fail-over reasons: the server was reachable.
 * Thread-safe; never blocks the caller beyond opening a connection.
 */
public final class NameServerApi {
    private final NettyRemotingClient remoting;
    private final NameServerList nameServers;
    private final long timeoutMillis;

    public NameServerApi(NettyRemotingClient remoting, NameServerList nameServers, long timeoutMillis) {
        this.remoting = remoting;
        this.nameServers = nameServers;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The route of {@code topic}; empty when the name server says {@code TOPIC_NOT_EXIST}.
     * Fails with a {@link ClientException} when no name server answers or one answers another error.
     */
    public CompletableFuture<Optional<TopicRouteData>> routeOf(String topic) {
        return call(() -> RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo(topic, Boolean.TRUE)), nameServers.current(), nameServers.size())
                .thenApply(response -> parseRoute(topic, response));
    }

    private static Optional<TopicRouteData> parseRoute(String topic, Answer answer) {
        RemotingCommand response = answer.response();
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return Optional.empty();
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw new BrokerException(response.code(), response.remark(), answer.address());
        }
        try {
            return Optional.of(JsonBody.decode(response.body(), TopicRouteData.class));
        } catch (BodyException e) {
            throw new ClientException("bad route of topic " + topic + " from " + answer.address() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A name server's answer and who gave it. */
    public record Answer(String address, RemotingCommand response) {
    }

    /** Makes a fresh request per attempt: a command carries its opaque and must not be sent twice. */
    public interface RequestFactory {
        RemotingCommand create();
    }

    /**
     * Sends a request to the current name server, moving on to the next one while they cannot be
     * reached (at most once each). Fails with a {@link ClientException} when none answers; an error
     * answer is returned as it is, for the caller to judge.
     */
    public CompletableFuture<Answer> invoke(RequestFactory factory) {
        return call(factory, nameServers.current(), nameServers.size());
    }

    /** Sends a request to one given name server, without fail-over. */
    public CompletableFuture<Answer> invoke(String address, RequestFactory factory) {
        return call(factory, address, 1);
    }

    private CompletableFuture<Answer> call(RequestFactory factory, String address, int attemptsLeft) {
        // A fresh command per attempt: a command carries its opaque and must not be sent twice.
        return remoting.invokeAsync(address, factory.create(), timeoutMillis)
                .thenApply(response -> new Answer(address, response))
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof RemotingConnectException && attemptsLeft > 1) {
                        return call(factory, nameServers.moveOn(address), attemptsLeft - 1);
                    }
                    return CompletableFuture.failedFuture(new ClientException("name server " + address
                            + " did not answer: " + cause.getMessage(), cause));
                });
    }
}
