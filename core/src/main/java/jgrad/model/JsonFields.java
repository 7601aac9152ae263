package jgrad.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.io.Json;

/**
 * The fields of one parsed JSON object ({@code jgrad.io.Json}), read with their types checked.
 * Errors name what is read ({@code label}, e.g. "model spec") and where, as a path such as
 * {@code .layers[2].out}.
 *
 * @param map the object
 * @param label what the JSON describes, first in every message
 * @param path where the object sits in the document: empty for the top, else e.g. {@code .layers[2]}
 */
record JsonFields(Map<?, ?> map, String label, String path) {
    /** An error that already names its JSON path, so it is not wrapped again. */
    static final class Error extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Error(String message) {
            super(message);
        }
    }

    /** The fields of the JSON text {@code json}, which must be an object; errors start with {@code label}. */
    static JsonFields parse(String json, String label) {
        try {
            return of(Json.parse(json), label, "");
        } catch (Json.SyntaxException e) {
            throw new Error(label + ": not valid JSON: " + e.getMessage());
        }
    }

    /** The fields of {@code value}, which must be a JSON object. */
    static JsonFields of(Object value, String label, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Error(label + (path.isEmpty() ? "" : " " + path) + ": expected a JSON object, got " + describe(value));
        }
        return new JsonFields(map, label, path);
    }

    /** An error about field {@code field}. */
    Error error(String field, String what) {
        return new Error(label + " " + path + "." + field + ": " + what);
    }

    /** {@code e}, a value rejected by a constructor, as an error naming this object. */
    Error invalid(IllegalArgumentException e) {
        return new Error(label + (path.isEmpty() ? "" : " " + path) + ": " + e.getMessage());
    }

    /** Rejects any field other than {@code type} and {@code names}, so a misspelt field is not silently ignored. */
    void allow(String... names) {
        Set<String> ok = Set.of(names);
        for (Object key : map.keySet()) {
            if (!key.equals("type") && !ok.contains(key)) {
                throw error(String.valueOf(key), "unknown field" + (names.length == 0 ? " (there are none besides type)"
                        : " (known: " + String.join(", ", names) + ")"));
            }
        }
    }

    /** True when the object has the field (even as null). */
    boolean has(String name) {
        return map.containsKey(name);
    }

    /** A string field; {@code fallback} when absent, or required when {@code fallback} is null. */
    String string(String name, String fallback) {
        if (fallback != null && !map.containsKey(name)) return fallback;
        if (!(map.get(name) instanceof String s)) throw error(name, "expected a string, got " + describe(map.get(name)));
        return s;
    }

    /** An integer field; {@code fallback} when absent, or required when {@code fallback} is null. */
    int integer(String name, Integer fallback) {
        if (fallback != null && !map.containsKey(name)) return fallback;
        if (!(map.get(name) instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw error(name, "expected a whole number, got " + describe(map.get(name)));
        }
        return (int) (long) l;
    }

    /** A number field; {@code fallback} when absent, or required when {@code fallback} is null. */
    double number(String name, Double fallback) {
        if (fallback != null && !map.containsKey(name)) return fallback;
        if (!(map.get(name) instanceof Number n)) throw error(name, "expected a number, got " + describe(map.get(name)));
        return n.doubleValue();
    }

    /** A boolean field; {@code fallback} when absent. */
    boolean bool(String name, boolean fallback) {
        if (!map.containsKey(name)) return fallback;
        if (!(map.get(name) instanceof Boolean b)) throw error(name, "expected true or false, got " + describe(map.get(name)));
        return b;
    }

    /** A required array field. */
    List<?> list(String name) {
        if (!(map.get(name) instanceof List<?> l)) throw error(name, "expected an array, got " + describe(map.get(name)));
        return l;
    }

    /** A required array of strings. */
    List<String> strings(String name) {
        List<?> l = list(name);
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String)) throw error(name + "[" + i + "]", "expected a string, got " + describe(l.get(i)));
        }
        return l.stream().map(String.class::cast).toList();
    }

    /** A required array of numbers, as floats (exact for numbers written from floats). */
    float[] floats(String name) {
        List<?> l = list(name);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n)) throw error(name + "[" + i + "]", "expected a number, got " + describe(l.get(i)));
            out[i] = n.floatValue();
        }
        return out;
    }

    /** A short description of a JSON value for messages. */
    static String describe(Object v) {
        return switch (v) {
            case null -> "nothing";
            case String s -> "\"" + s + "\"";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> v.toString();
        };
    }
}
