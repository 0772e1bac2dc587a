package io.apogee.tools.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One JSON object per line for scripts: {@code {"type":"interval",...}} once a second and
 * {@code {"type":"summary",...}} at the end, each with a {@code send} and/or {@code receive} object.
 * Rates are per second, {@code mbps} in MiB per second, latencies in milliseconds ({@code null} when
 * nothing was measured). Nothing else is written to this stream.
 */
public final class JsonReporter implements BenchReporter {
    private final PrintStream out;

    public JsonReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(BenchOptions options) {
        // Scripts know what they asked for; the stream carries measurements only.
    }

    @Override
    public void interval(BenchMode mode, long elapsedSeconds, List<SideStats> sides) {
        StringBuilder json = new StringBuilder(256).append("{\"type\":\"interval\",\"mode\":\"")
                .append(mode.commandName()).append("\",\"second\":").append(elapsedSeconds);
        for (SideStats s : sides) {
            json.append(",\"").append(s.name()).append("\":");
            side(json, s, false);
        }
        out.println(json.append('}'));
        out.flush();
    }

    @Override
    public void summary(BenchMode mode, double elapsedSeconds, List<SideStats> sides) {
        StringBuilder json = new StringBuilder(512).append("{\"type\":\"summary\",\"mode\":\"")
                .append(mode.commandName()).append("\",\"seconds\":").append(number(elapsedSeconds));
        for (SideStats s : sides) {
            json.append(",\"").append(s.name()).append("\":");
            side(json, s, true);
        }
        out.println(json.append('}'));
        out.flush();
    }

    private static void side(StringBuilder json, SideStats s, boolean summary) {
        json.append("{\"messages\":").append(s.messages()).append(",\"bytes\":").append(s.bytes())
                .append(",\"errors\":").append(s.errors()).append(",\"tps\":").append(number(s.tps()));
        if (summary) {
            json.append(",\"maxTps\":").append(number(s.maxTps()));
        }
        json.append(",\"mbps\":").append(number(s.mbps())).append(",\"p50Ms\":").append(number(s.p50Ms()))
                .append(",\"p99Ms\":").append(number(s.p99Ms())).append(",\"p999Ms\":").append(number(s.p999Ms()))
                .append(",\"maxMs\":").append(number(s.maxMs())).append(",\"meanMs\":").append(number(s.meanMs()));
        if (summary && s.lastError() != null) {
            json.append(",\"lastError\":");
            string(json, s.lastError());
        }
        json.append('}');
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
