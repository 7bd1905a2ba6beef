// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Typed, range-checked reads of component properties. Values arrive from ConfigAdmin, Kura and the
 * standalone runtime's {@code .cfg} files as String, Integer, Long, Boolean, arrays or collections; every
 * read tolerates all of them. Errors name the property; only {@link #secret(String)} never shows a value.
 */
final class ConfigValues {

    private final Map<String, ?> properties;

    ConfigValues(Map<String, ?> properties) {
        this.properties = properties == null ? Map.of() : properties;
    }

    /** @return the value, first element of an array or collection, or null when absent or empty */
    private Object scalar(String key) {
        Object value = properties.get(key);
        if (value != null && value.getClass().isArray() && !(value instanceof char[])) {
            return Array.getLength(value) == 0 ? null : Array.get(value, 0);
        }
        if (value instanceof Collection<?> collection) {
            Iterator<?> it = collection.iterator();
            return it.hasNext() ? it.next() : null;
        }
        return value;
    }

    /**
     * @param key property name
     * @param def value when absent
     * @return the trimmed text, or {@code def} when absent
     */
    String string(String key, String def) {
        Object value = scalar(key);
        return value == null ? def : text(value).strip();
    }

    /**
     * Reads a text that may arrive as several values (an array from a multi-valued field): they are joined with
     * newlines.
     *
     * @param key property name
     * @param def value when absent
     * @return the text
     */
    String lines(String key, String def) {
        Object value = properties.get(key);
        if (value == null) {
            return def;
        }
        StringJoiner joined = new StringJoiner("\n");
        if (value.getClass().isArray() && !(value instanceof char[])) {
            for (int i = 0; i < Array.getLength(value); i++) {
                Object element = Array.get(value, i);
                if (element != null) {
                    joined.add(text(element));
                }
            }
        } else if (value instanceof Collection<?> collection) {
            collection.stream().filter(Objects::nonNull).forEach(e -> joined.add(text(e)));
        } else {
            joined.add(text(value));
        }
        return joined.toString();
    }

    /**
     * @param key property name of a password
     * @return the raw (possibly encrypted) value, empty when absent
     */
    String secret(String key) {
        Object value = scalar(key);
        return value == null ? "" : text(value);
    }

    /**
     * @param key property name
     * @param def value when absent
     * @return the flag
     */
    boolean bool(String key, boolean def) {
        Object value = scalar(key);
        if (value == null) {
            return def;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = text(value).strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return def;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(key + " must be true or false, not '" + text(value).strip() + "'");
    }

    /**
     * @param key property name
     * @param def value when absent
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the number
     */
    long number(String key, long def, long min, long max) {
        Object value = scalar(key);
        if (value == null) {
            return def;
        }
        long number;
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e18) {
            number = n.longValue();
        } else {
            String text = text(value).strip();
            if (text.isEmpty()) {
                return def;
            }
            try {
                number = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        key + " must be a whole number from " + min + " to " + max + ", not '" + text + "'", e);
            }
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(
                    key + " must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    /**
     * @param key property name
     * @param def value when absent
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the number
     */
    int integer(String key, int def, int min, int max) {
        return (int) number(key, def, min, max);
    }

    private static String text(Object value) {
        return value instanceof char[] chars ? new String(chars) : String.valueOf(value);
    }
}
