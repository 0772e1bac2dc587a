package io.apogee.client.admin;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.client.runtime.NameServerApi;
import io.apogee.client.runtime.NameServerList;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.HeaderException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admin client's synchronous calls: to the name servers (with fail-over) and to one broker, each
 * bounded by the time-out. A call that cannot be made fails with a {@link ClientException}; an error
 * answer with a {@link BrokerException} (unless the caller accepts its code). Thread-safe.
 */
final class AdminCalls {
    private final NettyRemotingClient remoting;
    private final NameServerList nameServers;
    private final NameServerApi nameServerApi;
    private final long timeoutMillis;

    AdminCalls(NettyRemotingClient remoting, NameServerList nameServers, long timeoutMillis) {
        this.remoting = remoting;
        this.nameServers = nameServers;
        this.nameServerApi = new NameServerApi(remoting, nameServers, timeoutMillis);
        this.timeoutMillis = timeoutMillis;
    }

    /** An answer and who gave it. */
    record Reply(String address, RemotingCommand response) {
        int code() {
            return response.code();
        }

        <T> T json(Class<T> type) {
            if (response.body() == null) {
                throw new ClientException("empty answer body from " + address + " where " + type.getSimpleName()
                        + " was expected");
            }
            try {
                return JsonBody.decode(response.body(), type);
            } catch (BodyException e) {
                throw new ClientException("bad " + type.getSimpleName() + " from " + address + ": " + e.getMessage(), e);
            }
        }

        <T extends CommandHeader> T header(Class<T> type) {
            try {
                return response.readHeader(type);
            } catch (HeaderException e) {
                throw new ClientException("bad answer header from " + address + ": " + e.getMessage(), e);
            }
        }

        /** Throws the broker's refusal unless the code is SUCCESS or one of {@code accepted}. */
        Reply expect(int... accepted) {
            if (response.code() == ResponseCode.SUCCESS) {
                return this;
            }
            for (int code : accepted) {
                if (response.code() == code) {
                    return this;
                }
            }
            throw new BrokerException(response.code(), response.remark(), address);
        }
    }

    /** Asks the name servers (the current one, then the next ones while unreachable). */
    Reply nameServer(NameServerApi.RequestFactory request) {
        NameServerApi.Answer answer = await(nameServerApi.invoke(request), "the name servers");
        return new Reply(answer.address(), answer.response());
    }

    /** Asks every name server, in order; the first that cannot be reached or refuses fails the call. */
    void everyNameServer(NameServerApi.RequestFactory request) {
        for (String address : nameServers.all()) {
            NameServerApi.Answer answer = await(nameServerApi.invoke(address, request), address);
            new Reply(answer.address(), answer.response()).expect();
        }
    }

    List<String> nameServerAddrs() {
        return nameServers.all();
    }

    /** Asks the broker at {@code address}. */
    Reply broker(String address, RemotingCommand request) {
        try {
            return new Reply(address, remoting.invokeSync(address, request, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for " + address, e);
        } catch (RemotingException e) {
            throw new ClientException("broker " + address + " did not answer: " + e.getMessage(), e);
        }
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future, String who) {
        try {
            return future.get(timeoutMillis * Math.max(1, nameServers.size()) + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for " + who, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClientException c) {
                throw c;
            }
            throw new ClientException(who + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ClientException(who + " did not answer in time", e);
        }
    }
}
