package io.apogee.acl.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.acl.AuthException;
import io.apogee.acl.metadata.AclInfo;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.metadata.MetadataCodec;
import io.apogee.acl.model.Action;
import io.apogee.acl.model.Resource;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEvaluationTest {
    @TempDir
    Path dir;

    private AuthMetadata metadata;
    private List<AuthorizationHandler> chain;

    @BeforeEach
    void users() throws Exception {
        metadata = new AuthMetadata(dir);
        metadata.load();
        metadata.createUser(new User("root", "rootpw", UserType.SUPER, UserStatus.ENABLE));
        metadata.createUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        chain = List.of(new SuperUserHandler(), new PolicyHandler(metadata));
    }

    private void policy(String policyType, AclInfo.PolicyEntryInfo... entries) throws AuthException {
        AclInfo info = new AclInfo("User:alice", List.of(new AclInfo.PolicyInfo(policyType, List.of(entries))));
        metadata.putAcl("User:alice", MetadataCodec.policies(info));
    }

    private static AclInfo.PolicyEntryInfo entry(String resource, String decision, List<String> ips, String... actions) {
        return new AclInfo.PolicyEntryInfo(resource, List.of(actions), ips, decision);
    }

    private String decide(String user, Resource resource, String ip, Action... actions) {
        try {
            for (AuthorizationHandler handler : chain) {
                if (handler.authorize(user, metadata.user(user), Access.of(resource, actions), ip)
                        == AuthorizationHandler.Verdict.ALLOW) {
                    return "allow";
                }
            }
            return "undecided";
        } catch (AuthException e) {
            return e.getMessage();
        }
    }

    @Test
    void prefixedLiteralAndAnyPatterns() throws Exception {
        policy(null, entry("Topic:orders*", "Allow", null, "Pub"), entry("Group:g1", "Allow", null, "Sub"),
                entry("Cluster:*", "Allow", null, "Get"));
        assertThat(decide("alice", Resource.topic("orders-1"), "127.0.0.1", Action.PUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.topic("payments"), "127.0.0.1", Action.PUB)).isEqualTo(
                "User:alice has no permission to access Topic:payments from 127.0.0.1, no matched policies.");
        assertThat(decide("alice", Resource.topic("orders-1"), "127.0.0.1", Action.SUB))
                .endsWith("no matched policies.");
        assertThat(decide("alice", Resource.group("g1"), "127.0.0.1", Action.SUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.group("%RETRY%g1"), "127.0.0.1", Action.SUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.group("g10"), "127.0.0.1", Action.SUB)).endsWith("no matched policies.");
        assertThat(decide("alice", Resource.cluster("C"), "127.0.0.1", Action.GET)).isEqualTo("allow");
        assertThat(decide("alice", Resource.cluster("C"), "127.0.0.1", Action.UPDATE))
                .endsWith("no matched policies.");
    }

    @Test
    void denyWinsOverAllowWhereItIsMoreSpecificOrEquallySpecific() throws Exception {
        policy("Custom", entry("Topic:orders*", "Allow", null, "All"), entry("Topic:orders-secret", "Deny", null, "Pub"),
                entry("Topic:*", "Deny", null, "All"), entry("*", "Allow", null, "Get"));
        assertThat(decide("alice", Resource.topic("orders-1"), "10.1.1.1", Action.PUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.topic("orders-secret"), "10.1.1.1", Action.PUB)).isEqualTo(
                "User:alice has no permission to access Topic:orders-secret from 10.1.1.1, the decision is deny.");
        assertThat(decide("alice", Resource.topic("payments"), "10.1.1.1", Action.PUB))
                .endsWith("the decision is deny.");
        // Typed Topic:* (Deny) is more specific than the untyped * (Allow).
        assertThat(decide("alice", Resource.topic("payments"), "10.1.1.1", Action.GET))
                .endsWith("the decision is deny.");
        assertThat(decide("alice", Resource.group("g"), "10.1.1.1", Action.GET)).isEqualTo("allow");
    }

    @Test
    void longerPrefixDecidesBeforeShorter() throws Exception {
        policy(null, entry("Topic:ord*", "Allow", null, "Pub"), entry("Topic:orders-eu*", "Deny", null, "Pub"));
        assertThat(decide("alice", Resource.topic("orders-eu-1"), "127.0.0.1", Action.PUB))
                .endsWith("the decision is deny.");
        assertThat(decide("alice", Resource.topic("orders-us-1"), "127.0.0.1", Action.PUB)).isEqualTo("allow");
    }

    @Test
    void sourceAddressesAndCidrRanges() throws Exception {
        policy(null, entry("Topic:a", "Allow", List.of("192.168.1.7", "10.0.0.0/8"), "Pub"),
                entry("Topic:v6", "Allow", List.of("fd00::/16"), "Pub"));
        assertThat(decide("alice", Resource.topic("a"), "192.168.1.7", Action.PUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.topic("a"), "10.200.3.4", Action.PUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.topic("a"), "11.0.0.1", Action.PUB)).endsWith("no matched policies.");
        assertThat(decide("alice", Resource.topic("a"), "192.168.1.8", Action.PUB)).endsWith("no matched policies.");
        assertThat(decide("alice", Resource.topic("v6"), "fd00:0:0:0:0:0:0:1", Action.PUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.topic("v6"), "127.0.0.1", Action.PUB)).endsWith("no matched policies.");
    }

    @Test
    void defaultPolicyOnlyWhenNoCustomEntryMatches() throws Exception {
        policy("Default", entry("Topic:*", "Allow", null, "Sub"));
        policy("Custom", entry("Topic:private", "Deny", null, "Sub"));
        assertThat(decide("alice", Resource.topic("public"), "127.0.0.1", Action.SUB)).isEqualTo("allow");
        assertThat(decide("alice", Resource.topic("private"), "127.0.0.1", Action.SUB))
                .endsWith("the decision is deny.");
    }

    @Test
    void superUsersPassAndUnknownSubjectsAreRefused() {
        assertThat(decide("root", Resource.topic("anything"), "1.2.3.4", Action.PUB)).isEqualTo("allow");
        assertThat(decide("nobody", Resource.topic("anything"), "1.2.3.4", Action.PUB)).isEqualTo("User:nobody not found.");
        assertThat(decide("alice", Resource.topic("anything"), "1.2.3.4", Action.PUB)).endsWith("no matched policies.");
    }

    @Test
    void invalidPoliciesAreRefusedWholeAndChangeNothing() throws Exception {
        policy(null, entry("Topic:kept", "Allow", null, "Pub"));
        assertThatThrownBy(() -> policy(null, entry("Topic:x", "Allow", null, "Pub"),
                entry("Topic:y", "Allow", List.of("not-an-ip"), "Pub"))).hasMessageContaining("The source ip is invalid.");
        assertThatThrownBy(() -> policy(null, entry("Topic:x", "Allow", null, "Any")))
                .hasMessage("The actions can not be Any.");
        assertThatThrownBy(() -> policy(null, entry("Queue:x", "Allow", null, "Pub")))
                .hasMessageContaining("is invalid");
        assertThatThrownBy(() -> policy(null, entry("Topic:x", "Maybe", null, "Pub")))
                .hasMessageContaining("The decision Maybe is invalid");
        assertThatThrownBy(() -> metadata.putAcl("User:ghost", List.of())).hasMessage("The subject of User:ghost is not exist.");
        assertThat(metadata.acl("User:alice").policies().get(0).entries()).hasSize(1);
    }
}
