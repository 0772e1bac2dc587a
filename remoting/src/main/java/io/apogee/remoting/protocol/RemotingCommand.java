package io.apogee.remoting.protocol;

import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.HeaderCodec;
import io.apogee.remoting.protocol.header.HeaderException;
import io.apogee.remoting.protocol.header.HeaderValues;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One command of the remoting protocol: a request, a oneway request or a response.
 *
 * <p>A command is built by one thread and then handed over (to the encoder, or to the processor
 * that decoded it); it is not safe for concurrent mutation.
 *
 * <p>A command built from a typed header keeps that header's values and builds the ext-field map only
 * when someone asks for it (an RPC hook, a processor); the codecs write such a command straight from
 * the values, in the order the map would have, so the bytes on the wire are the same either way. A
 * decoded command likewise keeps its ext fields as the received bytes: {@link #readHeader} reads a typed
 * header straight from them, and the map is built only when asked for.
 */
public final class RemotingCommand {
    /** Bit 0 of {@code flag}: this command is a response. */
    public static final int RESPONSE_FLAG = 0x1;
    /** Bit 1 of {@code flag}: no response will be sent for this request. */
    public static final int ONEWAY_FLAG = 0x2;

    private static final AtomicInteger NEXT_OPAQUE = new AtomicInteger();

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = RemotingVersion.CURRENT;
    private int opaque;
    private int flag;
    private String remark;
    private Map<String, String> extFields;
    /** The ext fields still in typed form; when set, {@code extFields} is null until first asked for. */
    private HeaderValues headerValues;
    /** The ext fields still as received; when set, {@code extFields} is null until first asked for. */
    private RawExtFields rawExtFields;
    private byte[] body;
    private List<ByteBuffer> bodyRegions;
    /** A body of exactly one region, kept without a list (a producer's message body). */
    private ByteBuffer bodyRegion;
    private SerializeType serializeType = SerializeType.JSON;

    public RemotingCommand() {
    }

    /** A new request with a fresh opaque. */
    public static RemotingCommand request(int code) {
        RemotingCommand command = new RemotingCommand();
        command.code = code;
        command.opaque = NEXT_OPAQUE.getAndIncrement();
        return command;
    }

    /** A new request whose ext fields are the given header's fields. */
    public static RemotingCommand request(int code, CommandHeader header) {
        RemotingCommand command = request(code);
        command.writeHeader(header);
        return command;
    }

    /**
     * A response with the given code and remark. The dispatcher fills in the opaque and the serialize
     * type of the request it answers.
     */
    public static RemotingCommand response(int code, String remark) {
        RemotingCommand command = new RemotingCommand();
        command.code = code;
        command.remark = remark;
        command.flag = RESPONSE_FLAG;
        return command;
    }

    /** A response to {@code request}: same opaque and serialize type. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand command = response(code, remark);
        command.opaque = request.opaque;
        command.serializeType = request.serializeType;
        return command;
    }

    /** Flattens {@code header} into the ext fields, replacing what was there. */
    public RemotingCommand writeHeader(CommandHeader header) {
        this.headerValues = HeaderValues.of(header);
        this.extFields = null;
        this.rawExtFields = null;
        return this;
    }

    /**
     * Reads the ext fields as a header of the given type, checking required fields.
     *
     * @throws HeaderException when a required field is missing or a value does not parse
     */
    public <T extends CommandHeader> T readHeader(Class<T> type) throws HeaderException {
        if (rawExtFields != null) {
            // Straight from the received bytes: only the header's own fields become strings.
            return rawExtFields.readHeader(type);
        }
        return HeaderCodec.decode(extFields(), type);
    }

    public boolean isResponse() {
        return (flag & RESPONSE_FLAG) != 0;
    }

    public boolean isOneway() {
        return (flag & ONEWAY_FLAG) != 0;
    }

    public RemotingCommand markResponse() {
        flag |= RESPONSE_FLAG;
        return this;
    }

    public RemotingCommand markOneway() {
        flag |= ONEWAY_FLAG;
        return this;
    }

    /** Adds one ext field, creating the map on first use. */
    public RemotingCommand putExtField(String key, String value) {
        materializeExtFields();
        if (extFields == null) {
            extFields = new HashMap<>();
        }
        extFields.put(key, value);
        return this;
    }

    public String extField(String key) {
        Map<String, String> fields = extFields();
        return fields == null ? null : fields.get(key);
    }

    public int code() {
        return code;
    }

    public RemotingCommand code(int code) {
        this.code = code;
        return this;
    }

    public LanguageCode language() {
        return language;
    }

    public RemotingCommand language(LanguageCode language) {
        this.language = Objects.requireNonNull(language, "language");
        return this;
    }

    public int version() {
        return version;
    }

    public RemotingCommand version(int version) {
        this.version = version;
        return this;
    }

    public int opaque() {
        return opaque;
    }

    public RemotingCommand opaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    public int flag() {
        return flag;
    }

    public RemotingCommand flag(int flag) {
        this.flag = flag;
        return this;
    }

    public String remark() {
        return remark;
    }

    public RemotingCommand remark(String remark) {
        this.remark = remark;
        return this;
    }

    /** The ext fields, or null when the command has none (not the same as an empty map on the wire). */
    public Map<String, String> extFields() {
        materializeExtFields();
        return extFields;
    }

    public RemotingCommand extFields(Map<String, String> extFields) {
        this.extFields = extFields;
        this.headerValues = null;
        this.rawExtFields = null;
        return this;
    }

    /** Makes ext fields still in their received form the ext fields (for the decoders). */
    RemotingCommand rawExtFields(RawExtFields raw) {
        this.rawExtFields = raw;
        this.extFields = null;
        this.headerValues = null;
        return this;
    }

    /**
     * The typed header values this command's ext fields still are, or null once the map exists (then the
     * map is the truth). For the codecs, which write these values without building the map.
     */
    HeaderValues pendingHeader() {
        return headerValues;
    }

    private void materializeExtFields() {
        if (headerValues != null) {
            extFields = headerValues.toMap();
            headerValues = null;
        } else if (rawExtFields != null) {
            extFields = rawExtFields.toMap();
            rawExtFields = null;
        }
    }

    public byte[] body() {
        return body;
    }

    public RemotingCommand body(byte[] body) {
        this.body = body;
        this.bodyRegions = null;
        this.bodyRegion = null;
        return this;
    }

    /**
     * The body as views of memory owned by someone else (a pull's records in the store's mapped
     * files), or null. Set on outbound commands only: the encoder writes the regions' remaining bytes,
     * in order, straight from that memory, without a heap copy. The views are not consumed (the encoder
     * uses duplicates), but their memory must stay mapped until the frame is written.
     */
    public List<ByteBuffer> bodyRegions() {
        return bodyRegion != null ? List.of(bodyRegion) : bodyRegions;
    }

    /** Makes {@code regions} the body (replacing any byte-array body); see {@link #bodyRegions()}. */
    public RemotingCommand bodyRegions(List<ByteBuffer> regions) {
        this.bodyRegions = regions == null || regions.isEmpty() ? null : List.copyOf(regions);
        this.bodyRegion = null;
        this.body = null;
        return this;
    }

    /** Makes the one {@code region} the body: {@code bodyRegions(List.of(region))} without the list. */
    public RemotingCommand bodyRegion(ByteBuffer region) {
        this.bodyRegion = Objects.requireNonNull(region, "region");
        this.bodyRegions = null;
        this.body = null;
        return this;
    }

    /** The number of body regions (0 without regions); with {@link #bodyRegion(int)}, for the encoder. */
    int bodyRegionCount() {
        return bodyRegion != null ? 1 : bodyRegions == null ? 0 : bodyRegions.size();
    }

    ByteBuffer bodyRegion(int index) {
        return bodyRegion != null ? bodyRegion : bodyRegions.get(index);
    }

    /** The body's length in bytes, whichever form it has. */
    public int bodyLength() {
        if (bodyRegion != null) {
            return bodyRegion.remaining();
        }
        if (bodyRegions != null) {
            long total = 0;
            for (ByteBuffer region : bodyRegions) {
                total += region.remaining();
            }
            return Math.toIntExact(total);
        }
        return body == null ? 0 : body.length;
    }

    public SerializeType serializeType() {
        return serializeType;
    }

    public RemotingCommand serializeType(SerializeType serializeType) {
        this.serializeType = Objects.requireNonNull(serializeType, "serializeType");
        return this;
    }

    @Override
    public String toString() {
        // The body is left out on purpose: it may be megabytes, and may hold what logs should not.
        return "RemotingCommand[code=" + code + ", language=" + language + ", version=" + version
                + ", opaque=" + opaque + ", flag=" + flag + ", remark=" + remark + ", extFields=" + extFields()
                + ", bodyLength=" + bodyLength() + ", serializeType=" + serializeType + "]";
    }
}
