package io.apogee.acl.admin;

import io.apogee.acl.AuditLog;
import io.apogee.acl.AuthException;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.acl.metadata.AclInfo;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.metadata.MetadataCodec;
import io.apogee.acl.metadata.UserInfo;
import io.apogee.acl.model.Acl;
import io.apogee.acl.model.Policy;
import io.apogee.acl.model.PolicyType;
import io.apogee.acl.model.Resource;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.JsonBody;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user and ACL admin requests 3001–3010 as the official mqadmin sends them (06-acl2.md §5).
 * Metadata errors answer 16 with their message; a body that is not the expected JSON answers 1.
 * Unlike RocketMQ, get/list user never return the password (mqadmin only prints it): a secret key is
 * written once and never read back over the wire, nor logged.
 * Thread-safe.
 */
public final class AuthAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(AuthAdminProcessor.class);
    private static final String SYSTEM_ERROR = "An system error occurred, please try again later.";

    private final AuthMetadata metadata;

    public AuthAdminProcessor(AuthMetadata metadata) {
        this.metadata = metadata;
    }

    /** The codes this processor serves. */
    public static int[] codes() {
        return new int[] {RequestCode.AUTH_CREATE_USER, RequestCode.AUTH_UPDATE_USER, RequestCode.AUTH_DELETE_USER,
            RequestCode.AUTH_GET_USER, RequestCode.AUTH_LIST_USER, RequestCode.AUTH_CREATE_ACL,
            RequestCode.AUTH_UPDATE_ACL, RequestCode.AUTH_DELETE_ACL, RequestCode.AUTH_GET_ACL,
            RequestCode.AUTH_LIST_ACL};
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        String caller = request.extField(RequestSignature.ACCESS_KEY);
        String from = context.remoteAddress();
        String operation = operation(request.code());
        String target = target(request);
        try {
            RemotingCommand response = handle(request, caller);
            if (isChange(request.code())) {
                AuditLog.change(caller, from, operation, target, "done");
            }
            return CompletableFuture.completedFuture(response);
        } catch (AuthException e) {
            if (isChange(request.code())) {
                AuditLog.change(caller, from, operation, target, "refused: " + e.getMessage());
            }
            return answer(e.responseCode(), e.getMessage());
        } catch (BodyException e) {
            return answer(ResponseCode.SYSTEM_ERROR, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} of {} failed", operation, target, e);
            return answer(ResponseCode.SYSTEM_ERROR, SYSTEM_ERROR);
        }
    }

    private static CompletionStage<RemotingCommand> answer(int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.response(code, remark));
    }

    private RemotingCommand handle(RemotingCommand request, String caller) throws AuthException, BodyException {
        return switch (request.code()) {
            case RequestCode.AUTH_CREATE_USER -> createUser(request, caller);
            case RequestCode.AUTH_UPDATE_USER -> updateUser(request, caller);
            case RequestCode.AUTH_DELETE_USER -> deleteUser(request, caller);
            case RequestCode.AUTH_GET_USER -> getUser(request);
            case RequestCode.AUTH_LIST_USER -> listUsers(request);
            case RequestCode.AUTH_CREATE_ACL, RequestCode.AUTH_UPDATE_ACL -> putAcl(request);
            case RequestCode.AUTH_DELETE_ACL -> deleteAcl(request);
            case RequestCode.AUTH_GET_ACL -> getAcl(request);
            case RequestCode.AUTH_LIST_ACL -> listAcls(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not an ACL request");
        };
    }

    // ---- users ----

    private RemotingCommand createUser(RemotingCommand request, String caller) throws AuthException, BodyException {
        String username = requireUsername(request);
        UserInfo info = JsonBody.decode(request.body(), UserInfo.class);
        UserType type = info.userType() == null ? UserType.NORMAL : parseType(info.userType());
        UserStatus status = info.userStatus() == null ? UserStatus.ENABLE : parseStatus(info.userStatus());
        if (type == UserType.SUPER && !callerIsSuper(caller)) {
            throw new AuthException(ResponseCode.SYSTEM_ERROR, "The super user can only be create by super user");
        }
        String password = info.password() == null ? "" : info.password();
        metadata.createUser(new User(username, password, type, status));
        return ok();
    }

    private RemotingCommand updateUser(RemotingCommand request, String caller) throws AuthException, BodyException {
        String username = requireUsername(request);
        UserInfo info = JsonBody.decode(request.body(), UserInfo.class);
        User old = metadata.user(username);
        if (old == null) {
            throw new AuthException("The user is not exist");
        }
        UserType type = info.userType() == null ? old.type() : parseType(info.userType());
        UserStatus status = info.userStatus() == null ? old.status() : parseStatus(info.userStatus());
        if (type == UserType.SUPER && !callerIsSuper(caller)) {
            throw new AuthException(ResponseCode.SYSTEM_ERROR, "The super user can only be update by super user");
        }
        if (old.isSuper() && !callerIsSuper(caller)) {
            throw new AuthException("The super user can only be update by super user");
        }
        String password = info.password() == null || info.password().isBlank() ? old.password() : info.password();
        metadata.updateUser(new User(username, password, type, status));
        return ok();
    }

    private RemotingCommand deleteUser(RemotingCommand request, String caller) throws AuthException {
        String username = requireUsername(request);
        User old = metadata.user(username);
        if (old != null && old.isSuper() && !callerIsSuper(caller)) {
            throw new AuthException("The super user can only be update by super user");
        }
        metadata.deleteUser(username);
        return ok();
    }

    private RemotingCommand getUser(RemotingCommand request) throws AuthException {
        User user = metadata.user(requireUsername(request));
        RemotingCommand response = ok();
        return user == null ? response : response.body(JsonBody.encode(withoutPassword(user)));
    }

    private RemotingCommand listUsers(RemotingCommand request) {
        List<UserInfo> infos = metadata.users(request.extField("filter")).stream()
                .map(AuthAdminProcessor::withoutPassword).toList();
        RemotingCommand response = ok();
        return infos.isEmpty() ? response : response.body(JsonBody.encode(infos));
    }

    private static UserInfo withoutPassword(User user) {
        UserInfo info = MetadataCodec.toInfo(user);
        return new UserInfo(info.username(), null, info.userType(), info.userStatus());
    }

    private static String requireUsername(RemotingCommand request) throws AuthException {
        String username = request.extField("username");
        if (username == null || username.isBlank()) {
            throw new AuthException(ResponseCode.INVALID_PARAMETER, "The username is blank");
        }
        return username.trim();
    }

    private static UserType parseType(String text) throws AuthException {
        UserType type = UserType.parse(text);
        if (type == null) {
            throw new AuthException("The user type " + text + " is invalid, expected Super or Normal.");
        }
        return type;
    }

    private static UserStatus parseStatus(String text) throws AuthException {
        UserStatus status = UserStatus.parse(text);
        if (status == null) {
            throw new AuthException("The user status " + text + " is invalid, expected enable or disable.");
        }
        return status;
    }

    /** With authentication off there is no caller, and the super-user rules do not apply. */
    private boolean callerIsSuper(String caller) {
        if (caller == null || caller.isEmpty()) {
            return true;
        }
        User user = metadata.user(caller);
        return user != null && user.isSuper();
    }

    // ---- ACLs ----

    private RemotingCommand putAcl(RemotingCommand request) throws AuthException {
        AclInfo info;
        try {
            info = request.body() == null || request.body().length == 0 ? null
                    : JsonBody.decode(request.body(), AclInfo.class);
        } catch (BodyException e) {
            throw new AuthException(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        if (info == null || info.policies() == null || info.policies().isEmpty()) {
            throw new AuthException(ResponseCode.SYSTEM_ERROR, "The body of acl is null");
        }
        String subject = request.extField("subject");
        if (subject == null || subject.isBlank()) {
            subject = info.subject();
        }
        if (subject == null || subject.isBlank()) {
            throw new AuthException(ResponseCode.INVALID_PARAMETER, "The subject is blank");
        }
        List<Policy> policies = MetadataCodec.policies(info);
        metadata.putAcl(subject.trim(), policies);
        return ok();
    }

    private RemotingCommand deleteAcl(RemotingCommand request) throws AuthException {
        String subject = request.extField("subject");
        if (subject == null || subject.isBlank()) {
            throw new AuthException(ResponseCode.INVALID_PARAMETER, "The subject is blank");
        }
        PolicyType type = PolicyType.parse(request.extField("policyType"));
        if (type == null) {
            throw new AuthException("The policy type " + request.extField("policyType") + " is invalid.");
        }
        String resourceText = request.extField("resource");
        Resource resource = null;
        if (resourceText != null && !resourceText.isBlank()) {
            try {
                resource = Resource.parse(resourceText);
            } catch (IllegalArgumentException e) {
                throw new AuthException(e.getMessage());
            }
        }
        metadata.deleteAcl(subject.trim(), type, resource);
        return ok();
    }

    private RemotingCommand getAcl(RemotingCommand request) throws AuthException {
        String subject = request.extField("subject");
        if (subject == null || subject.isBlank()) {
            throw new AuthException(ResponseCode.INVALID_PARAMETER, "The subject is blank");
        }
        String username = Subjects.username(subject);
        Acl acl = metadata.acl(username == null ? subject.trim() : Subjects.ofUser(username));
        RemotingCommand response = ok();
        return acl == null ? response : response.body(JsonBody.encode(MetadataCodec.toInfo(acl)));
    }

    private RemotingCommand listAcls(RemotingCommand request) {
        String subjectFilter = request.extField("subjectFilter");
        String resourceFilter = request.extField("resourceFilter");
        List<AclInfo> out = new ArrayList<>();
        for (Acl acl : metadata.acls()) {
            if (subjectFilter != null && !subjectFilter.isBlank() && !acl.subject().contains(subjectFilter)) {
                continue;
            }
            AclInfo info = MetadataCodec.toInfo(acl);
            if (resourceFilter != null && !resourceFilter.isBlank() && !acl.subject().contains(resourceFilter)) {
                info = keepResources(info, resourceFilter);
            }
            if (info != null) {
                out.add(info);
            }
        }
        RemotingCommand response = ok();
        return out.isEmpty() ? response : response.body(JsonBody.encode(out));
    }

    private static AclInfo keepResources(AclInfo info, String filter) {
        List<AclInfo.PolicyInfo> policies = new ArrayList<>();
        for (AclInfo.PolicyInfo policy : info.policies()) {
            List<AclInfo.PolicyEntryInfo> entries = policy.entries().stream()
                    .filter(e -> e.resource().contains(filter)).toList();
            if (!entries.isEmpty()) {
                policies.add(new AclInfo.PolicyInfo(policy.policyType(), entries));
            }
        }
        return policies.isEmpty() ? null : new AclInfo(info.subject(), policies);
    }

    // ---- helpers ----

    private static RemotingCommand ok() {
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private static boolean isChange(int code) {
        return switch (code) {
            case RequestCode.AUTH_CREATE_USER, RequestCode.AUTH_UPDATE_USER, RequestCode.AUTH_DELETE_USER,
                    RequestCode.AUTH_CREATE_ACL, RequestCode.AUTH_UPDATE_ACL, RequestCode.AUTH_DELETE_ACL -> true;
            default -> false;
        };
    }

    private static String operation(int code) {
        return switch (code) {
            case RequestCode.AUTH_CREATE_USER -> "createUser";
            case RequestCode.AUTH_UPDATE_USER -> "updateUser";
            case RequestCode.AUTH_DELETE_USER -> "deleteUser";
            case RequestCode.AUTH_GET_USER -> "getUser";
            case RequestCode.AUTH_LIST_USER -> "listUser";
            case RequestCode.AUTH_CREATE_ACL -> "createAcl";
            case RequestCode.AUTH_UPDATE_ACL -> "updateAcl";
            case RequestCode.AUTH_DELETE_ACL -> "deleteAcl";
            case RequestCode.AUTH_GET_ACL -> "getAcl";
            case RequestCode.AUTH_LIST_ACL -> "listAcl";
            default -> "code" + code;
        };
    }

    private static String target(RemotingCommand request) {
        String username = request.extField("username");
        if (username != null) {
            return Subjects.ofUser(username);
        }
        String subject = request.extField("subject");
        String resource = request.extField("resource");
        return subject == null ? "-" : resource == null ? subject : subject + "/" + resource;
    }
}
