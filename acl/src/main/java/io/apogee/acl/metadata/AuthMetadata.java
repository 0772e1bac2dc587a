package io.apogee.acl.metadata;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.TypeReference;
import io.apogee.acl.AuthException;
import io.apogee.acl.model.Acl;
import io.apogee.acl.model.Policy;
import io.apogee.acl.model.PolicyType;
import io.apogee.acl.model.Resource;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import io.apogee.common.io.AtomicFile;
import io.apogee.remoting.protocol.body.JsonBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Users and ACLs: two JSON files in the broker's config directory ({@code users.json}, {@code acls.json},
 * owner-readable only: they hold secret keys), written atomically with {@link AtomicFile}, and held in
 * memory as immutable snapshots. Reads never lock and see a change as soon as it is written; writes are
 * serialised, and a change is in memory only once it is on disk (a failed write changes nothing).
 * Thread-safe.
 */
public final class AuthMetadata {
    private static final String USERS_FILE = "users.json";
    private static final String ACLS_FILE = "acls.json";

    private final Path usersFile;
    private final Path aclsFile;
    private volatile Map<String, User> users = Map.of();
    private volatile Map<String, Acl> acls = Map.of();
    /**
     * The ACLs stored under {@code User:<name>}, by that name: what every request's authorization looks
     * up, without building the subject key. Replaced together with {@link #acls}, from the same map.
     */
    private volatile Map<String, Acl> aclsByUser = Map.of();

    public AuthMetadata(Path configDir) {
        this.usersFile = configDir.resolve(USERS_FILE);
        this.aclsFile = configDir.resolve(ACLS_FILE);
    }

    /**
     * Reads both files (a missing file is empty metadata).
     *
     * @throws IOException when a file cannot be read or is not valid metadata
     */
    public synchronized void load() throws IOException {
        Map<String, User> loadedUsers = new TreeMap<>();
        for (UserInfo info : read(usersFile, new TypeReference<List<UserInfo>>() { })) {
            try {
                User user = new User(info.username(), info.password(), UserType.parse(info.userType()),
                        UserStatus.parse(info.userStatus()));
                loadedUsers.put(user.username(), user);
            } catch (NullPointerException e) {
                throw new IOException(usersFile + " holds an incomplete user " + info, e);
            }
        }
        Map<String, Acl> loadedAcls = new TreeMap<>();
        for (AclInfo info : read(aclsFile, new TypeReference<List<AclInfo>>() { })) {
            try {
                loadedAcls.put(info.subject(), new Acl(info.subject(), MetadataCodec.policies(info)));
            } catch (AuthException e) {
                throw new IOException(aclsFile + " holds an invalid ACL for " + info.subject() + ": " + e.getMessage());
            }
        }
        users = Map.copyOf(loadedUsers);
        setAcls(loadedAcls);
    }

    private static <T> List<T> read(Path file, TypeReference<List<T>> type) throws IOException {
        byte[] bytes = AtomicFile.read(file);
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        try {
            List<T> values = JSON.parseObject(bytes, type.getType());
            return values == null ? List.of() : values;
        } catch (JSONException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not valid metadata: " + e.getMessage(), e);
        }
    }

    // ---- users ----

    /** The user named {@code username}, or null. */
    public User user(String username) {
        return username == null ? null : users.get(username);
    }

    /** Users whose name contains {@code filter} (all when blank), by name. */
    public List<User> users(String filter) {
        List<User> out = new ArrayList<>();
        for (User user : new TreeMap<>(users).values()) {
            if (filter == null || filter.isBlank() || user.username().contains(filter)) {
                out.add(user);
            }
        }
        return out;
    }

    /**
     * @throws AuthException when the name or password is blank or the user exists
     */
    public synchronized void createUser(User user) throws AuthException {
        if (user.username().isBlank()) {
            throw new AuthException("username can not be blank");
        }
        if (user.password().isBlank()) {
            throw new AuthException("password can not be blank");
        }
        if (users.containsKey(user.username())) {
            throw new AuthException("The user is existed");
        }
        Map<String, User> next = new TreeMap<>(users);
        next.put(user.username(), user);
        writeUsers(next);
    }

    /**
     * Replaces an existing user; refuses to leave no enabled super user.
     *
     * @throws AuthException when the user does not exist or is the last enabled super user being demoted
     */
    public synchronized void updateUser(User user) throws AuthException {
        User old = users.get(user.username());
        if (old == null) {
            throw new AuthException("The user is not exist");
        }
        Map<String, User> next = new TreeMap<>(users);
        next.put(user.username(), user);
        requireSuperUser(old, next.values());
        writeUsers(next);
    }

    /**
     * Deletes a user and its ACL; a missing user is not an error.
     *
     * @throws AuthException when it is the last enabled super user
     */
    public synchronized void deleteUser(String username) throws AuthException {
        User old = users.get(username);
        if (old == null) {
            return;
        }
        Map<String, User> next = new TreeMap<>(users);
        next.remove(username);
        requireSuperUser(old, next.values());
        String subject = Subjects.ofUser(username);
        if (acls.containsKey(subject)) {
            Map<String, Acl> nextAcls = new TreeMap<>(acls);
            nextAcls.remove(subject);
            writeAcls(nextAcls);
        }
        writeUsers(next);
    }

    private static void requireSuperUser(User changed, Collection<User> after) throws AuthException {
        if (!(changed.isSuper() && changed.isEnabled())) {
            return;
        }
        for (User user : after) {
            if (user.isSuper() && user.isEnabled()) {
                return;
            }
        }
        throw new AuthException("User:" + changed.username() + " is the last enabled super user; "
                + "it can not be deleted, disabled or made normal.");
    }

    // ---- ACLs ----

    /** The ACL of {@code subject}, or null. */
    public Acl acl(String subject) {
        return subject == null ? null : acls.get(subject);
    }

    /** The ACL of user {@code username} (the one stored under {@code User:<username>}), or null. */
    public Acl aclOfUser(String username) {
        return username == null ? null : aclsByUser.get(username);
    }

    /** Every ACL, by subject. */
    public List<Acl> acls() {
        return new ArrayList<>(new TreeMap<>(acls).values());
    }

    /**
     * Creates the subject's ACL or merges {@code policies} into it.
     *
     * @throws AuthException when the subject is not an existing user
     */
    public synchronized void putAcl(String subject, List<Policy> policies) throws AuthException {
        String username = Subjects.username(subject);
        if (username == null || !users.containsKey(username)) {
            throw new AuthException("The subject of " + subject + " is not exist.");
        }
        String key = Subjects.ofUser(username);
        Acl old = acls.get(key);
        Acl updated = old == null ? new Acl(key, List.of()).merge(policies) : old.merge(policies);
        Map<String, Acl> next = new TreeMap<>(acls);
        next.put(key, updated);
        writeAcls(next);
    }

    /**
     * Deletes one entry ({@code resource} non-null) or the whole ACL of {@code subject}.
     *
     * @throws AuthException when the subject has no ACL
     */
    public synchronized void deleteAcl(String subject, PolicyType type, Resource resource) throws AuthException {
        String username = Subjects.username(subject);
        String key = username == null ? subject : Subjects.ofUser(username);
        Acl old = acls.get(key);
        if (old == null) {
            throw new AuthException("The acl is not exist.");
        }
        Map<String, Acl> next = new TreeMap<>(acls);
        Acl remaining = resource == null ? null : old.without(type, resource);
        if (remaining == null) {
            next.remove(key);
        } else {
            next.put(key, remaining);
        }
        writeAcls(next);
    }

    // ---- persistence ----

    private void writeUsers(Map<String, User> next) {
        List<UserInfo> infos = next.values().stream().map(MetadataCodec::toInfo).toList();
        write(usersFile, JsonBody.encode(infos));
        users = Map.copyOf(next);
    }

    private void writeAcls(Map<String, Acl> next) {
        List<AclInfo> infos = next.values().stream().map(MetadataCodec::toInfo).toList();
        write(aclsFile, JsonBody.encode(infos));
        setAcls(next);
    }

    private void setAcls(Map<String, Acl> next) {
        String userSubject = Subjects.ofUser("");
        Map<String, Acl> byUser = new TreeMap<>();
        next.forEach((subject, acl) -> {
            if (subject.startsWith(userSubject)) {
                byUser.put(subject.substring(userSubject.length()), acl);
            }
        });
        aclsByUser = Map.copyOf(byUser);
        acls = Map.copyOf(next);
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, content);
            ownerOnly(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: left to the directory's permissions
        }
    }
}
