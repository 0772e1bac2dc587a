package io.apogee.acl.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.acl.AuthException;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.remoting.auth.SigningRpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSignatureTest {
    @TempDir
    Path dir;

    private AuthMetadata metadata;
    private SignatureAuthenticationHandler handler;

    @BeforeEach
    void users() throws Exception {
        metadata = new AuthMetadata(dir);
        metadata.load();
        metadata.createUser(new User("rocketmq", "12345678", UserType.SUPER, UserStatus.ENABLE));
        metadata.createUser(new User("carol", "carolpw", UserType.NORMAL, UserStatus.DISABLE));
        handler = new SignatureAuthenticationHandler();
    }

    @Test
    void matchesTheSpecsCapturedVectors() {
        assertThat(RequestSignature.sign(RequestSignature.content(Map.of("AccessKey", "rocketmq"), null, false),
                "12345678")).isEqualTo("wmnVRiuXwvgUxJ6oySLyc1qu7Z4=");
        byte[] body = "{\"password\":\"alicepw\",\"username\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSignature.sign(RequestSignature.content(
                Map.of("AccessKey", "rocketmq", "username", "alice", "Signature", "ignored"), body, false),
                "12345678")).isEqualTo("hlsmU+HlacwUk7Zw2wL4/7bVq/w=");
        // The streaming form (what the broker and our hook use) gives the same signatures.
        assertThat(RequestSignature.sign(Map.of("AccessKey", "rocketmq"), null, false, "12345678"))
                .isEqualTo("wmnVRiuXwvgUxJ6oySLyc1qu7Z4=");
        assertThat(RequestSignature.sign(Map.of("AccessKey", "rocketmq", "username", "alice", "Signature", "ignored"),
                body, false, "12345678")).isEqualTo("hlsmU+HlacwUk7Zw2wL4/7bVq/w=");
        Map<String, String> legacy = Map.of("AccessKey", "rocketmq", "_UNIQUE_KEY_QUERY", "true", "topic", "t");
        assertThat(RequestSignature.sign(legacy, body, true, "12345678")).isEqualTo(
                RequestSignature.sign(RequestSignature.content(legacy, body, true), "12345678"));
    }

    @Test
    void acceptsWhatTheOfficialClientHookSigns() throws Exception {
        RemotingCommand ours = signedByOfficialHook("rocketmq", "12345678", 310,
                Map.of("a", "pg", "b", "orders-1", "c", "TBW102", "d", "4", "e", "0", "f", "0", "g", "1700000000000"),
                "hello, 世界".getBytes(StandardCharsets.UTF_8));
        assertThat(ours.extField("Signature")).isNotBlank();
        authenticate(ours);
    }

    @Test
    void acceptsAnOfficiallySignedRequestWithoutBodyOrHeader() throws Exception {
        authenticate(signedByOfficialHook("rocketmq", "12345678", 3005, Map.of(), null));
    }

    @Test
    void refusesATamperedBodyOrField() throws Exception {
        RemotingCommand body = signedByOfficialHook("rocketmq", "12345678", 310, Map.of("b", "orders-1"),
                new byte[] {1, 2, 3});
        body.body(new byte[] {1, 2, 4});
        assertRefused(body, "check signature failed.");
        RemotingCommand field = signedByOfficialHook("rocketmq", "12345678", 310, Map.of("b", "orders-1"), null);
        field.putExtField("b", "payments");
        assertRefused(field, "check signature failed.");
    }

    @Test
    void refusesAWrongSecretAnUnknownUserADisabledUserAndNoCredentials() throws Exception {
        assertRefused(signedByOfficialHook("rocketmq", "wrong", 10, Map.of("topic", "t"), null),
                "check signature failed.");
        assertRefused(signedByOfficialHook("bob", "bobpw", 10, Map.of("topic", "t"), null), "User:bob is not found.");
        assertRefused(signedByOfficialHook("carol", "carolpw", 10, Map.of("topic", "t"), null),
                "User:carol is disabled.");
        assertRefused(RemotingCommand.request(10).putExtField("topic", "t"), "username cannot be null.");
        RemotingCommand unsigned = RemotingCommand.request(10).putExtField("AccessKey", "rocketmq");
        assertRefused(unsigned, "check signature failed.");
    }

    @Test
    void ourSigningHookAgreesWithTheVerifier() throws Exception {
        RemotingCommand request = RemotingCommand.request(11).putExtField("topic", "orders").body(new byte[] {9});
        new SigningRpcHook("rocketmq", "12345678", "token").beforeRequest("127.0.0.1:10911", request);
        assertThat(request.extField("SecurityToken")).isEqualTo("token");
        authenticate(request);
    }

    /** A producer's body goes out as regions it does not copy; the signature must cover them as the wire bytes. */
    @Test
    void ourSigningHookSignsABodySentAsRegions() throws Exception {
        byte[] body = "a body in two regions".getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer whole = java.nio.ByteBuffer.wrap(body);
        RemotingCommand sent = RemotingCommand.request(310).putExtField("a", "pg").bodyRegions(java.util.List.of(
                whole.duplicate().limit(7), whole.duplicate().position(7)));
        new SigningRpcHook("rocketmq", "12345678", null).beforeRequest("127.0.0.1:10911", sent);
        assertThat(sent.bodyRegions().get(1).position()).as("the regions are read, not consumed").isEqualTo(7);
        RemotingCommand received = RemotingCommand.request(310).extFields(new HashMap<>(sent.extFields())).body(body);
        authenticate(received);
        received.body("another body".getBytes(StandardCharsets.UTF_8));
        assertRefused(received, "check signature failed.");
    }

    /** As the hook calls the handler: the access key's user looked up once for the request. */
    private void authenticate(RemotingCommand request) throws AuthException {
        String username = request.extField(RequestSignature.ACCESS_KEY);
        handler.authenticate(request, username, metadata.user(username), "127.0.0.1");
    }

    private void assertRefused(RemotingCommand request, String remark) {
        assertThatThrownBy(() -> authenticate(request))
                .isInstanceOf(AuthException.class).hasMessage(remark)
                .satisfies(e -> assertThat(((AuthException) e).responseCode()).isEqualTo(16));
    }

    /** Signs with the official 5.3.3 hook, then converts the official command into ours, as the wire would. */
    private static RemotingCommand signedByOfficialHook(String ak, String sk, int code, Map<String, String> fields,
            byte[] body) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, null);
        official.setExtFields(new HashMap<>(fields));
        official.setBody(body);
        new AclClientRPCHook(new SessionCredentials(ak, sk)).doBeforeRequest("127.0.0.1:10911", official);
        return RemotingCommand.request(code).extFields(new HashMap<>(official.getExtFields()))
                .body(official.getBody()).version(official.getVersion());
    }
}
