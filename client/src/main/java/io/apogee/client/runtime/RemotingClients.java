package io.apogee.client.runtime;

import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;

/** Builds the remoting client of a set of client settings: TLS, the user's hook, then the signature. */
public final class RemotingClients {
    private RemotingClients() {
    }

    /** A remoting client (not yet started) connecting as {@code settings} say. */
    public static NettyRemotingClient create(ClientSettings settings) {
        NettyClientConfig config = new NettyClientConfig();
        if (settings.tls() != null) {
            config.tls(settings.tls()).useTLS(true);
        }
        if (settings.useTLS() != null) {
            config.useTLS(settings.useTLS());
        }
        NettyRemotingClient remoting = new NettyRemotingClient(config);
        if (settings.rpcHook() != null) {
            remoting.addRpcHook(settings.rpcHook());
        }
        if (settings.credentials() != null) {
            // Last: the signature covers every ext field the hooks before it added.
            remoting.addRpcHook(settings.credentials().signingHook());
        }
        return remoting;
    }
}
