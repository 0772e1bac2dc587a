package io.apogee.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.auth.SigningRpcHook;
import io.apogee.acl.metadata.AclInfo;
import io.apogee.acl.metadata.MetadataCodec;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclRpcHookTest {
    @TempDir
    Path dir;

    private AclService service(boolean authn, boolean authz, Set<Integer> authnWhitelist) throws Exception {
        AclService service = new AclService(new AuthConfig(authn, authz, authnWhitelist, Set.of(),
                new AuthConfig.Credentials("root", "rootpw"), null, "C", dir));
        service.start();
        return service;
    }

    private static RemotingCommand signed(RemotingCommand request, String ak, String sk) {
        new SigningRpcHook(ak, sk, null).beforeRequest("127.0.0.1:1", request);
        return request;
    }

    @Test
    void authenticatesThenAuthorizesEveryAccess() throws Exception {
        AclService acl = service(true, true, Set.of());
        acl.metadata().createUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        acl.metadata().putAcl("User:alice", MetadataCodec.policies(new AclInfo("User:alice", List.of(
                new AclInfo.PolicyInfo(null, List.of(new AclInfo.PolicyEntryInfo("Topic:t", List.of("Sub"), null,
                        "Allow")))))));
        var hook = acl.serverHook();
        RemotingCommand pull = RemotingCommand.request(11).putExtField("topic", "t").putExtField("consumerGroup", "g");
        assertThatThrownBy(() -> hook.beforeRequest("127.0.0.1:5", signed(pull, "alice", "alicepw")))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessage("User:alice has no permission to access Group:g from 127.0.0.1, no matched policies.");
        hook.beforeRequest("127.0.0.1:5", signed(RemotingCommand.request(11).putExtField("topic", "t")
                .putExtField("consumerGroup", "g"), "root", "rootpw"));
        // Not subject to authorization: authentication only.
        hook.beforeRequest("127.0.0.1:5", signed(RemotingCommand.request(28), "alice", "alicepw"));
    }

    @Test
    void whitelistedCodesNeedNoCredentials() throws Exception {
        var hook = service(true, false, Set.of(34)).serverHook();
        hook.beforeRequest("127.0.0.1:5", RemotingCommand.request(34).putExtField("x", "y"));
        assertThatThrownBy(() -> hook.beforeRequest("127.0.0.1:5", RemotingCommand.request(10)))
                .isInstanceOf(RequestRejectedException.class).hasMessage("username cannot be null.")
                .satisfies(e -> assertThat(((RequestRejectedException) e).responseCode()).isEqualTo(16));
    }

    @Test
    void authorizationWithoutAuthenticationNeedsASubject() throws Exception {
        var hook = service(false, true, Set.of()).serverHook();
        assertThatThrownBy(() -> hook.beforeRequest("[::1]:5", RemotingCommand.request(10).putExtField("topic", "t")))
                .hasMessage(AclRpcHook.NO_SUBJECT);
        hook.beforeRequest("127.0.0.1:5", RemotingCommand.request(3005));
    }

    /** Nothing is cached across requests: every metadata change decides the very next request. */
    @Test
    void everyUserAndAclChangeTakesEffectOnTheVeryNextRequest() throws Exception {
        AclService acl = service(true, true, Set.of());
        var metadata = acl.metadata();
        metadata.createUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        allowAlice(acl, "Allow");
        var hook = acl.serverHook();
        String from = "127.0.0.1:5";
        hook.beforeRequest(from, send("alice", "alicepw"));

        allowAlice(acl, "Deny");
        assertRefused(hook, from, send("alice", "alicepw"), "User:alice has no permission to access Topic:t from "
                + "127.0.0.1, the decision is deny.");
        allowAlice(acl, "Allow");
        hook.beforeRequest(from, send("alice", "alicepw"));

        metadata.updateUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.DISABLE));
        assertRefused(hook, from, send("alice", "alicepw"), "User:alice is disabled.");
        metadata.updateUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        hook.beforeRequest(from, send("alice", "alicepw"));

        metadata.updateUser(new User("alice", "newpw", UserType.NORMAL, UserStatus.ENABLE));
        assertRefused(hook, from, send("alice", "alicepw"), "check signature failed.");
        hook.beforeRequest(from, send("alice", "newpw"));

        metadata.deleteAcl("User:alice", null, null);
        assertRefused(hook, from, send("alice", "newpw"), "User:alice has no permission to access Topic:t from "
                + "127.0.0.1, no matched policies.");
        metadata.updateUser(new User("alice", "newpw", UserType.SUPER, UserStatus.ENABLE));
        hook.beforeRequest(from, send("alice", "newpw"));
        metadata.updateUser(new User("alice", "newpw", UserType.NORMAL, UserStatus.ENABLE));
        assertRefused(hook, from, send("alice", "newpw"), "User:alice has no permission to access Topic:t from "
                + "127.0.0.1, no matched policies.");

        metadata.deleteUser("alice");
        assertRefused(hook, from, send("alice", "newpw"), "User:alice is not found.");
    }

    /** With authentication off the user is still looked up for every request: the super-user check sees changes. */
    @Test
    void authorizationAloneSeesUserChangesOnTheVeryNextRequest() throws Exception {
        AclService acl = service(false, true, Set.of());
        acl.metadata().createUser(new User("bob", "bobpw", UserType.SUPER, UserStatus.ENABLE));
        var hook = acl.serverHook();
        hook.beforeRequest("127.0.0.1:5", RemotingCommand.request(310).putExtField("b", "t")
                .putExtField("AccessKey", "bob"));
        acl.metadata().updateUser(new User("bob", "bobpw", UserType.NORMAL, UserStatus.ENABLE));
        assertRefused(hook, "127.0.0.1:5", RemotingCommand.request(310).putExtField("b", "t")
                .putExtField("AccessKey", "bob"), "User:bob has no permission to access Topic:t from 127.0.0.1, "
                + "no matched policies.");
        acl.metadata().deleteUser("bob");
        assertRefused(hook, "127.0.0.1:5", RemotingCommand.request(310).putExtField("b", "t")
                .putExtField("AccessKey", "bob"), "User:bob not found.");
    }

    private static void allowAlice(AclService acl, String decision) throws Exception {
        acl.metadata().putAcl("User:alice", MetadataCodec.policies(new AclInfo("User:alice", List.of(
                new AclInfo.PolicyInfo(null, List.of(new AclInfo.PolicyEntryInfo("Topic:t", List.of("Pub"), null,
                        decision)))))));
    }

    private static RemotingCommand send(String ak, String sk) {
        return signed(RemotingCommand.request(310).putExtField("a", "pg").putExtField("b", "t")
                .body(new byte[] {1, 2, 3}), ak, sk);
    }

    private static void assertRefused(io.apogee.remoting.RpcHook hook, String from, RemotingCommand request,
            String remark) {
        assertThatThrownBy(() -> hook.beforeRequest(from, request)).isInstanceOf(RequestRejectedException.class)
                .hasMessage(remark);
    }

    @Test
    void theSourceAddressRememberedPerThreadIsThatOfTheAddressAsked() {
        String first = "10.0.0.1:1000";
        assertThat(AclRpcHook.sourceIpOf(first)).isEqualTo("10.0.0.1");
        assertThat(AclRpcHook.sourceIpOf(first)).isEqualTo("10.0.0.1");
        assertThat(AclRpcHook.sourceIpOf("10.0.0.2:1000")).isEqualTo("10.0.0.2");
        assertThat(AclRpcHook.sourceIpOf(new String(first))).isEqualTo("10.0.0.1");
        assertThat(AclRpcHook.sourceIpOf(null)).isEmpty();
        assertThat(AclRpcHook.sourceIpOf("[fd00::1]:10911")).isEqualTo("fd00::1");
    }

    @Test
    void sourceAddressIsTheHostWithoutPort() {
        assertThat(AclRpcHook.hostOf("127.0.0.1:10911")).isEqualTo("127.0.0.1");
        assertThat(AclRpcHook.hostOf("[fd00::1]:10911")).isEqualTo("fd00::1");
        assertThat(AclRpcHook.hostOf("/10.0.0.1:1")).isEqualTo("10.0.0.1");
    }
}
