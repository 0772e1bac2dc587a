package io.apogee.acl.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.acl.model.PolicyType;
import io.apogee.acl.model.Resource;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthMetadataTest {
    @TempDir
    Path dir;

    private static AclInfo acl(String resource, String decision, String... actions) {
        return new AclInfo("User:alice", List.of(new AclInfo.PolicyInfo(null,
                List.of(new AclInfo.PolicyEntryInfo(resource, List.of(actions), null, decision)))));
    }

    @Test
    void survivesAReload() throws Exception {
        AuthMetadata metadata = new AuthMetadata(dir);
        metadata.load();
        metadata.createUser(new User("root", "rootpw", UserType.SUPER, UserStatus.ENABLE));
        metadata.createUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        metadata.putAcl("user:alice", MetadataCodec.policies(acl("Topic:orders*", "Allow", "Pub")));

        AuthMetadata again = new AuthMetadata(dir);
        again.load();
        assertThat(again.user("alice").password()).isEqualTo("alicepw");
        assertThat(again.user("root").isSuper()).isTrue();
        assertThat(again.acl("User:alice").policies().get(0).entries().get(0).resource())
                .isEqualTo(Resource.parse("Topic:orders*"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("users.json"))).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void mergesEntriesByResourceAndDeletesOneEntryOrAll() throws Exception {
        AuthMetadata metadata = new AuthMetadata(dir);
        metadata.load();
        metadata.createUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        metadata.putAcl("User:alice", MetadataCodec.policies(acl("Topic:a", "Allow", "Pub")));
        metadata.putAcl("User:alice", MetadataCodec.policies(acl("Topic:b", "Allow", "Sub")));
        metadata.putAcl("User:alice", MetadataCodec.policies(acl("Topic:a", "Deny", "Pub")));
        AclInfo info = MetadataCodec.toInfo(metadata.acl("User:alice"));
        assertThat(info.policies()).hasSize(1);
        assertThat(info.policies().get(0).policyType()).isEqualTo("Custom");
        assertThat(info.policies().get(0).entries()).extracting(AclInfo.PolicyEntryInfo::resource,
                AclInfo.PolicyEntryInfo::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Topic:a", "Deny"), org.assertj.core.groups.Tuple.tuple("Topic:b", "Allow"));

        metadata.deleteAcl("User:alice", PolicyType.CUSTOM, Resource.parse("Topic:a"));
        assertThat(metadata.acl("User:alice").policies().get(0).entries()).hasSize(1);
        metadata.deleteAcl("User:alice", PolicyType.CUSTOM, Resource.parse("Topic:b"));
        assertThat(metadata.acl("User:alice")).isNull();
        assertThatThrownBy(() -> metadata.deleteAcl("User:alice", PolicyType.CUSTOM, null))
                .hasMessage("The acl is not exist.");
    }

    @Test
    void theLastSuperUserCanBeNeitherDeletedNorDisabled() throws Exception {
        AuthMetadata metadata = new AuthMetadata(dir);
        metadata.load();
        metadata.createUser(new User("root", "rootpw", UserType.SUPER, UserStatus.ENABLE));
        assertThatThrownBy(() -> metadata.deleteUser("root")).hasMessageContaining("last enabled super user");
        assertThatThrownBy(() -> metadata.updateUser(new User("root", "rootpw", UserType.SUPER, UserStatus.DISABLE)))
                .hasMessageContaining("last enabled super user");
        assertThatThrownBy(() -> metadata.updateUser(new User("root", "rootpw", UserType.NORMAL, UserStatus.ENABLE)))
                .hasMessageContaining("last enabled super user");
        metadata.createUser(new User("root2", "pw2", UserType.SUPER, UserStatus.ENABLE));
        metadata.deleteUser("root");
        assertThat(metadata.user("root")).isNull();
    }

    @Test
    void deletingAUserDeletesItsAcl() throws Exception {
        AuthMetadata metadata = new AuthMetadata(dir);
        metadata.load();
        metadata.createUser(new User("alice", "alicepw", UserType.NORMAL, UserStatus.ENABLE));
        metadata.putAcl("User:alice", MetadataCodec.policies(acl("Topic:a", "Allow", "Pub")));
        metadata.deleteUser("alice");
        assertThat(metadata.acl("User:alice")).isNull();
        metadata.deleteUser("alice");
        assertThatThrownBy(() -> metadata.createUser(new User("", "x", UserType.NORMAL, UserStatus.ENABLE)))
                .hasMessage("username can not be blank");
    }
}
