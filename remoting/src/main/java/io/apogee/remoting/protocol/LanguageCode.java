package io.apogee.remoting.protocol;

/**
 * The sender's implementation language, carried in every command. Informational: brokers record it
 * per connection. JSON headers carry the name, binary headers the code. Immutable.
 */
public enum LanguageCode {
    JAVA(0), CPP(1), DOTNET(2), PYTHON(3), DELPHI(4), ERLANG(5), RUBY(6), OTHER(7), HTTP(8), GO(9),
    PHP(10), OMS(11), RUST(12), NODE_JS(13);

    private static final LanguageCode[] BY_CODE = new LanguageCode[14];

    static {
        for (LanguageCode language : values()) {
            BY_CODE[language.code] = language;
        }
    }

    private final byte code;

    LanguageCode(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The language for a wire code; an unknown code is {@link #OTHER} rather than a failure. */
    public static LanguageCode ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The language for a JSON name; unknown names map to {@link #OTHER}, a missing one to JAVA. */
    public static LanguageCode ofName(String name) {
        if (name == null) {
            return JAVA;
        }
        // A switch on the common names keeps the per-frame cost at a hash lookup with no exception path.
        switch (name) {
            case "JAVA":
                return JAVA;
            case "GO":
                return GO;
            case "CPP":
                return CPP;
            default:
                for (LanguageCode language : values()) {
                    if (language.name().equals(name)) {
                        return language;
                    }
                }
                return OTHER;
        }
    }
}
