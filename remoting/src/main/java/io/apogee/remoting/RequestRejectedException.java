package io.apogee.remoting;

/**
 * Thrown by an RPC hook or a processor to refuse a request with a given response code and remark,
 * for instance an ACL denial. The dispatcher turns it into that response.
 */
public final class RequestRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int responseCode;

    public RequestRejectedException(int responseCode, String remark) {
        super(remark);
        this.responseCode = responseCode;
    }

    public int responseCode() {
        return responseCode;
    }
}
