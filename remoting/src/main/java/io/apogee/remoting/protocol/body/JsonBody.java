package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;

/**
 * JSON request and response bodies as the official peers write and read them: bean properties in
 * alphabetical order, null fields left out, map keys always quoted (standard JSON, which the official
 * 5.3.3 client and tools parse), and lenient reading of the unquoted numeric keys that official name
 * servers still send. Stateless and thread-safe.
 */
public final class JsonBody {
    private static final JSONWriter.Feature[] WRITE = {JSONWriter.Feature.WriteNonStringKeyAsString};
    private static final JSONReader.Feature[] READ = {JSONReader.Feature.AllowUnQuotedFieldNames};

    private JsonBody() {
    }

    public static byte[] encode(Object body) {
        return JSON.toJSONBytes(body, WRITE);
    }

    /**
     * @throws BodyException when the bytes are missing or are not JSON of the expected shape
     */
    public static <T> T decode(byte[] body, Class<T> type) throws BodyException {
        if (body == null || body.length == 0) {
            throw new BodyException("the request body is empty, a " + type.getSimpleName() + " was expected");
        }
        try {
            T value = JSON.parseObject(body, type, READ);
            if (value == null) {
                throw new BodyException("the request body is not a " + type.getSimpleName());
            }
            return value;
        } catch (JSONException | ClassCastException | IllegalArgumentException | IllegalStateException e) {
            throw new BodyException("the request body is not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
