package io.apogee.broker.processor;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.PutMessageResult;

/**
 * Turns a store's put result into the response code and remark a client expects
 * (shared/protocol/03-broker-client.md section 5.5 step 11). Stateless.
 */
final class StoreResponses {
    private StoreResponses() {
    }

    /** The response code of a put outcome; 0, 10, 11 and 12 mean the message was stored. */
    static int codeOf(PutMessageResult result) {
        return switch (result.status()) {
            case PUT_OK -> ResponseCode.SUCCESS;
            case FLUSH_DISK_TIMEOUT -> ResponseCode.FLUSH_DISK_TIMEOUT;
            case FLUSH_SLAVE_TIMEOUT -> ResponseCode.FLUSH_SLAVE_TIMEOUT;
            case SLAVE_NOT_AVAILABLE -> ResponseCode.SLAVE_NOT_AVAILABLE;
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> ResponseCode.MESSAGE_ILLEGAL;
            case SERVICE_NOT_AVAILABLE -> ResponseCode.SERVICE_NOT_AVAILABLE;
            case OS_PAGE_CACHE_BUSY -> ResponseCode.SYSTEM_BUSY;
            case CREATE_MAPPED_FILE_FAILED, UNKNOWN_ERROR -> ResponseCode.SYSTEM_ERROR;
        };
    }

    /** The remark of a refused put: the store's explanation, with the prefix clients look for where one exists. */
    static String remarkOf(PutMessageResult result) {
        String detail = result.remark() == null || result.remark().isEmpty() ? result.status().name() : result.remark();
        return switch (result.status()) {
            case OS_PAGE_CACHE_BUSY -> "[PC_SYNCHRONIZED]broker busy, start flow control for a while, " + detail;
            case CREATE_MAPPED_FILE_FAILED -> "create mapped file failed, server is busy or broken. " + detail;
            default -> detail;
        };
    }

    /** An error response with the store's code and remark. */
    static RemotingCommand refusal(PutMessageResult result) {
        return RemotingCommand.response(codeOf(result), remarkOf(result));
    }
}
