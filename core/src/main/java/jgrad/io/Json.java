package jgrad.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jgrad's one JSON reader and writer (core has no dependencies): safetensors headers, model
 * specs, checkpoint metadata and metrics logs all go through it.
 *
 * <p>Reading: objects become {@link LinkedHashMap}s in file order (a duplicate key is an error),
 * arrays {@link List}s, integers {@link Long}s, other numbers {@link Double}s, plus
 * {@link String}, {@link Boolean} and {@code null}. Writing takes the same kinds (any
 * {@link Number}, {@code int[]}) and writes a finite double with {@link Double#toString}, which
 * reads back to the same bits; NaN and infinities, which JSON lacks, become {@code null}.
 *
 * <pre>{@code
 * Json.write(Map.of("lr", 0.01))            // {"lr":0.01}
 * Json.parse("{\"lr\": 0.01}")              // {lr=0.01} as a LinkedHashMap
 * }</pre>
 */
public final class Json {
    /** Deepest nesting accepted, so a hostile header cannot overflow the stack. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** A JSON syntax error; the message gives the position. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Parses one JSON value filling all of {@code text} (surrounding whitespace allowed).
     *
     * @param text the JSON text
     * @return a {@code Map}, {@code List}, {@code Long}, {@code Double}, {@code String}, {@code Boolean} or {@code null} (see the class comment)
     * @throws SyntaxException on a syntax error, a duplicate key or too deep nesting
     */
    public static Object parse(String text) throws SyntaxException {
        Json p = new Json(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("unexpected text after the JSON value");
        return value;
    }

    private Object value(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        skipSpace();
        if (pos >= text.length()) throw error("unexpected end of JSON");
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) throws SyntaxException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a string key");
            int keyPos = pos;
            String key = string();
            skipSpace();
            expect(':');
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, v);
            skipSpace();
            char c = next();
            if (c == '}') return map;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) throws SyntaxException {
        List<Object> list = new ArrayList<>();
        pos++; // [
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') return list;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private String string() throws SyntaxException {
        pos++; // opening quote
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return s.toString();
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("truncated \\u escape");
                    String hex = text.substring(pos, pos + 4);
                    // NOTE: parseInt alone would also take a sign (\\u-001) or non-ASCII digits
                    if (!hex.chars().allMatch(h -> "0123456789abcdefABCDEF".indexOf(h) >= 0)) throw error("bad \\u escape");
                    s.append((char) Integer.parseInt(hex, 16));
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object number() throws SyntaxException {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("bad number");
        }
        boolean integer = true;
        if (peek() == '.') {
            pos++;
            integer = false;
            if (!digits()) throw error("bad number");
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integer = false;
            if (peek() == '+' || peek() == '-') pos++;
            if (!digits()) throw error("bad number");
        }
        String s = text.substring(start, pos);
        if (integer) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return Double.parseDouble(s); // beyond long: keep as a (large) double
            }
        }
        return Double.parseDouble(s);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos > start;
    }

    private Object literal(String word, Object value) throws SyntaxException {
        if (!text.startsWith(word, pos)) throw error("unexpected token");
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws SyntaxException {
        if (pos >= text.length()) throw error("unexpected end of JSON");
        return text.charAt(pos++);
    }

    private void expect(char c) throws SyntaxException {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at character " + pos);
    }

    // ---- writing ----

    /**
     * Appends {@code s} as a JSON string literal.
     *
     * @param out where to append
     * @param s the string, quoted and escaped
     * @return {@code out}
     */
    public static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"');
    }

    /**
     * {@return {@code value} as compact JSON: see {@link #write(StringBuilder, Object)}}
     *
     * @param value a string, number, boolean, null, list, {@code int[]} or map
     */
    public static String write(Object value) {
        return write(new StringBuilder(), value).toString();
    }

    /**
     * {@code value} as JSON indented by two spaces per level, one entry per line, except that an
     * object or array holding no object or array stays on one line ({@code {"type": "relu"}},
     * {@code [784, 100]}).
     *
     * @param value a string, number, boolean, null, list, {@code int[]} or map
     * @return the indented text, without a final newline
     */
    public static String pretty(Object value) {
        return write(new StringBuilder(), value, 0).toString();
    }

    /**
     * Appends strings, numbers, booleans, null, lists, {@code int[]} and maps (keys written with
     * {@code String.valueOf}) as compact JSON.
     *
     * @param out where to append
     * @param value the value to write
     * @return {@code out}
     * @throws IllegalArgumentException for any other kind of value
     */
    public static StringBuilder write(StringBuilder out, Object value) {
        return write(out, value, -1);
    }

    /** Writes {@code value}; {@code indent} is the current depth, or -1 for compact output. */
    private static StringBuilder write(StringBuilder out, Object value, int indent) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Double d when !Double.isFinite(d) -> out.append("null"); // JSON has no NaN/Inf
            case Float f when !Float.isFinite(f) -> out.append("null");
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case Map<?, ?> m -> {
                boolean flat = indent < 0 || m.values().stream().noneMatch(Json::isContainer);
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) out.append(indent < 0 ? "," : flat ? ", " : ",");
                    first = false;
                    if (!flat) newline(out, deeper(indent));
                    quote(out, String.valueOf(e.getKey())).append(indent < 0 ? ":" : ": ");
                    write(out, e.getValue(), deeper(indent));
                }
                if (!flat && !m.isEmpty()) newline(out, indent);
                out.append('}');
            }
            case List<?> l -> {
                boolean flat = indent < 0 || l.stream().noneMatch(Json::isContainer);
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) out.append(indent < 0 ? "," : flat ? ", " : ",");
                    if (!flat) newline(out, deeper(indent));
                    write(out, l.get(i), deeper(indent));
                }
                if (!flat && !l.isEmpty()) newline(out, indent);
                out.append(']');
            }
            case int[] a -> {
                out.append('[');
                for (int i = 0; i < a.length; i++) out.append(i == 0 ? "" : indent < 0 ? "," : ", ").append(a[i]);
                out.append(']');
            }
            default -> throw new IllegalArgumentException("Json.write: cannot write a " + value.getClass().getName());
        }
        return out;
    }

    private static boolean isContainer(Object v) {
        return v instanceof Map<?, ?> || v instanceof List<?> || v instanceof int[];
    }

    /** One level deeper than {@code indent}; compact (-1) stays compact. */
    private static int deeper(int indent) {
        return indent < 0 ? -1 : indent + 1;
    }

    /** Starts a new line indented {@code depth} levels; nothing in compact mode (negative depth). */
    private static void newline(StringBuilder out, int depth) {
        if (depth >= 0) out.append('\n').append("  ".repeat(depth));
    }
}
