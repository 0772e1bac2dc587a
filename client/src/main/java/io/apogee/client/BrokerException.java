package io.apogee.client;

/**
 * A broker (or name server) answered a request with an error code. Immutable.
 */
public class BrokerException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final int responseCode;
    private final String remark;
    private final String address;

    public BrokerException(int responseCode, String remark, String address) {
        super("CODE: " + responseCode + " DESC: " + remark + " (from " + address + ")");
        this.responseCode = responseCode;
        this.remark = remark;
        this.address = address;
    }

    public int responseCode() {
        return responseCode;
    }

    public String remark() {
        return remark;
    }

    /** The {@code host:port} that answered. */
    public String address() {
        return address;
    }
}
