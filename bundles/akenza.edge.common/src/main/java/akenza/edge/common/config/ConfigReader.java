// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.config;

import akenza.edge.api.log.LogText;
import java.lang.reflect.Array;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Typed reads of one component configuration, applying the bad-value rule: a value that is not what the
 * property allows is replaced by the property's default and recorded as a {@link ConfigProblem} (the property,
 * the value as it may be logged, the reason). The component logs and reports them with {@link ConfigStatus}.
 *
 * <p>Values arrive as ConfigAdmin, Kura's ConfigurationService and the standalone runtime's {@code .cfg} files
 * deliver them: {@code String}, {@code Integer}, {@code Long}, {@code Boolean} and the other boxed types, arrays
 * ({@code String[]} for a cardinality, possibly empty) or collections; Password attributes as a {@code String}
 * of ciphertext. Every getter accepts all of them. An absent property, an empty array or an empty text means
 * "not set": the default, without a problem. A scalar read of an array takes its first element.
 *
 * <pre>{@code
 * ConfigReader r = new ConfigReader(properties);
 * int qos = r.integer("qos", 1, 0, 2);
 * String secret = r.password("connector.secret", stored -> KuraPasswords.decrypt(crypto, stored));
 * ConfigStatus.log(LOG, PID, r.problems());
 * }</pre>
 */
public final class ConfigReader {

    private final Map<String, ?> properties;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** @param properties the component properties; {@code null} reads as all defaults */
    public ConfigReader(Map<String, ?> properties) {
        this.properties = properties == null ? Map.of() : properties;
    }

    /** @return the problems found by the reads so far, in order */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Records a problem found by the component itself (a rule across properties); the component uses the
     * default for {@code key}.
     *
     * @param key the property
     * @param value the rejected value (passed through {@link LogText}); never give a secret here
     * @param reason what is allowed and what is used instead
     */
    public void reject(String key, Object value, String reason) {
        problems.add(new ConfigProblem(key, shown(value), reason));
    }

    /**
     * Records a problem with a Password property; its value is never shown.
     *
     * @param key the property
     * @param reason what is allowed and what is used instead
     */
    public void rejectSecret(String key, String reason) {
        problems.add(new ConfigProblem(key, LogText.MASK, reason));
    }

    /**
     * @param key the property
     * @param def the default
     * @return the trimmed text, or {@code def} when not set
     */
    public String string(String key, String def) {
        String text = text(key);
        return text == null ? def : text;
    }

    /**
     * @param key the property
     * @param def the default (not checked)
     * @param valid what a good value satisfies
     * @param rule what a good value is, for the problem ("1 to 8 characters without /, + or #")
     * @return the trimmed text; {@code def} when not set or not valid (then a problem is recorded)
     */
    public String string(String key, String def, Predicate<String> valid, String rule) {
        String text = text(key);
        if (text == null) {
            return def;
        }
        if (valid.test(text)) {
            return text;
        }
        reject(key, text, "must be " + rule + "; using the default '" + def + "'");
        return def;
    }

    /**
     * @param key the property
     * @param def the default
     * @param allowed the values allowed (compared ignoring case; the allowed spelling is returned)
     * @return one of {@code allowed}; {@code def} when not set or not allowed (then a problem is recorded)
     */
    public String oneOf(String key, String def, Collection<String> allowed) {
        String text = text(key);
        if (text == null) {
            return def;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(text)) {
                return a;
            }
        }
        reject(key, text, "must be one of " + String.join(", ", allowed) + "; using the default '" + def + "'");
        return def;
    }

    /**
     * @param key the property
     * @param def the default
     * @return the text, several values (an array or collection) joined with newlines; {@code def} when absent
     */
    public String lines(String key, String def) {
        Object value = properties.get(key);
        if (value == null) {
            return def;
        }
        StringJoiner joined = new StringJoiner("\n");
        for (Object element : elements(value)) {
            joined.add(text(element));
        }
        return joined.toString();
    }

    /**
     * @param key the property
     * @return the values: each element of an array or collection, split at commas and white space, trimmed,
     *         without empty ones; empty when absent
     */
    public List<String> list(String key) {
        Object value = properties.get(key);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        for (Object element : elements(value)) {
            for (String part : text(element).split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    result.add(part);
                }
            }
        }
        return result;
    }

    /**
     * @param key the property
     * @param def the default
     * @return a {@code Boolean}, or the text {@code true}/{@code false} in any case; {@code def} when not set
     *         or anything else (then a problem is recorded)
     */
    public boolean bool(String key, boolean def) {
        Object value = scalar(key);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value == null ? null : text(value).strip();
        if (text == null || text.isEmpty()) {
            return def;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        reject(key, text, "must be true or false; using the default " + def);
        return def;
    }

    /**
     * @param key the property
     * @param def the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the whole number; {@code def} when not set, not a whole number or out of range (then a problem is
     *         recorded)
     */
    public long number(String key, long def, long min, long max) {
        Object value = scalar(key);
        if (value == null) {
            return def;
        }
        Long number = wholeNumber(value);
        if (number == null) {
            String text = text(value).strip();
            if (text.isEmpty()) {
                return def;
            }
            reject(key, text, "must be a whole number from " + min + " to " + max + "; using the default " + def);
            return def;
        }
        if (number < min || number > max) {
            reject(key, number, "must be from " + min + " to " + max + "; using the default " + def);
            return def;
        }
        return number;
    }

    /**
     * @param key the property
     * @param def the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return as {@link #number(String, long, long, long)}
     */
    public int integer(String key, int def, int min, int max) {
        return (int) number(key, def, min, max);
    }

    /**
     * @param key the property
     * @return the path; {@code null} when not set or not a valid path (then a problem is recorded)
     */
    public Path path(String key) {
        String text = text(key);
        if (text == null) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            reject(key, text, "must be a file system path; using the default (empty)");
            return null;
        }
    }

    /**
     * Reads a Password attribute. Problems with it never show its value.
     *
     * @param key the property
     * @param decrypt turns the stored value into plain text (Kura: {@code KuraPasswords.decrypt}); when it fails
     *        or returns {@code null} the stored value is used
     * @return the plain value, empty when not set
     */
    public String password(String key, UnaryOperator<String> decrypt) {
        Object value = scalar(key);
        String stored = value == null ? "" : text(value);
        if (stored.isEmpty() || decrypt == null) {
            return stored;
        }
        try {
            String plain = decrypt.apply(stored);
            return plain == null ? stored : plain;
        } catch (RuntimeException e) {
            return stored;
        }
    }

    /** @return the trimmed text of a scalar, {@code null} when absent or blank */
    private String text(String key) {
        Object value = scalar(key);
        if (value == null) {
            return null;
        }
        String text = text(value).strip();
        return text.isEmpty() ? null : text;
    }

    private Object scalar(String key) {
        Object value = properties.get(key);
        if (value == null || value instanceof char[] || !(value.getClass().isArray()
                || value instanceof Collection<?>)) {
            return value;
        }
        Iterator<Object> it = elements(value).iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** @return the non-null elements of an array or collection, or the value itself */
    private static List<Object> elements(Object value) {
        List<Object> result = new ArrayList<>();
        if (value.getClass().isArray() && !(value instanceof char[])) {
            for (int i = 0; i < Array.getLength(value); i++) {
                result.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> collection) {
            result.addAll(collection);
        } else {
            result.add(value);
        }
        result.removeIf(Objects::isNull);
        return result;
    }

    private static Long wholeNumber(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9.0e18 ? Long.valueOf(n.longValue()) : null;
        }
        if (value instanceof Boolean) {
            return null;
        }
        try {
            return Long.parseLong(text(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value instanceof char[] chars ? new String(chars) : String.valueOf(value);
    }

    private static String shown(Object value) {
        return LogText.of(value == null ? "" : text(value));
    }
}
