package dev.keymint.json;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import org.springframework.security.oauth2.jose.JwaAlgorithm;

/**
 * Compact JSON for the few documents keymint writes on its hot paths (token claims and headers,
 * error bodies), without a data-binding library's per-call cost. Values are what JWT claims and
 * OAuth error members hold: strings, numbers, booleans, instants as NumericDate, lists, maps.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    public static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(512);
        writeObject(out, object);
        return out.toString();
    }

    private static void writeObject(StringBuilder out, Map<?, ?> object) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, String.valueOf(entry.getKey()));
            out.append(':');
            writeValue(out, entry.getValue());
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> writeString(out, s);
            // NumericDate (RFC 7519 §2): whole seconds since the epoch
            case Instant instant -> out.append(instant.getEpochSecond());
            case Date date -> out.append(date.getTime() / 1000);
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Number n -> out.append(n);
            case Boolean b -> out.append(b.booleanValue());
            case JwaAlgorithm algorithm -> writeString(out, algorithm.getName());
            case URL url -> writeString(out, url.toExternalForm());
            case URI uri -> writeString(out, uri.toString());
            case Map<?, ?> map -> writeObject(out, map);
            case Collection<?> collection -> {
                out.append('[');
                boolean first = true;
                for (Object element : collection) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeValue(out, element);
                }
                out.append(']');
            }
            case Object[] array -> writeValue(out, Arrays.asList(array));
            default -> writeString(out, value.toString());
        }
    }

    public static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
