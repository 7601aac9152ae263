package jgrad.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Converts an option value such as {@code momentum} to the enum constant {@code MOMENTUM}, whatever
 * the case, so that options read in lower case without a {@code CommandLine} setting. Subclass
 * it once per enum (picocli instantiates converters by class).
 */
abstract class LowerCaseEnum<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    LowerCaseEnum(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) return e;
        }
        throw new CommandLine.TypeConversionException("expected one of " + names(type) + " but was '" + value + "'");
    }

    /** The constants of {@code type} in lower case, joined by {@code |}. */
    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(LowerCaseEnum::name).collect(Collectors.joining("|"));
    }

    /** {@code e}'s name as the command line spells it: lower case, dashes for underscores. */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
