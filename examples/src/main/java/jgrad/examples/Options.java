package jgrad.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain {@code --key value} options of an example, plus value-less {@code --flag}s; unknown keys
 * and bad numbers are errors.
 */
final class Options {
    private final String example;
    private final Map<String, String> values = new LinkedHashMap<>();

    /** Parses {@code args}; every key must be one of {@code known} (written without the dashes). */
    Options(String example, String[] args, List<String> known) {
        this(example, args, known, List.of());
    }

    /**
     * Parses {@code args}; every key must be one of {@code known}, which take a value, or of
     * {@code flags}, which do not (written without the dashes).
     */
    Options(String example, String[] args, List<String> known, List<String> flags) {
        this.example = example;
        for (int i = 0; i < args.length; i++) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (flags.contains(key)) {
                values.put(key, "true");
                continue;
            }
            if (!known.contains(key)) {
                var all = new java.util.ArrayList<>(known);
                all.addAll(flags);
                throw new IllegalArgumentException(example + ": unknown option '" + args[i] + "' (options: --"
                        + String.join(", --", all) + ")");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(example + ": --" + key + " needs a value");
            values.put(key, args[++i]);
        }
    }

    /** True if the option was given. */
    boolean has(String key) { return values.containsKey(key); }

    String string(String key, String fallback) { return values.getOrDefault(key, fallback); }

    double number(String key, double fallback) {
        return has(key) ? parse(key, () -> Double.parseDouble(values.get(key))) : fallback;
    }

    int integer(String key, int fallback) {
        return has(key) ? parse(key, () -> Integer.parseInt(values.get(key))) : fallback;
    }

    long longInteger(String key, long fallback) {
        return has(key) ? parse(key, () -> Long.parseLong(values.get(key))) : fallback;
    }

    /** A comma-separated list of integers such as {@code 4,4,1}. */
    int[] integers(String key, int[] fallback) {
        if (!has(key)) return fallback;
        return parse(key, () -> Arrays.stream(values.get(key).split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray());
    }

    private <T> T parse(String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(example + ": --" + key + " got '" + values.get(key) + "', not a number");
        }
    }
}
