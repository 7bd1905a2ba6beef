// SPDX-License-Identifier: EPL-2.0
package akenza.edge.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration tables of the root README: under a heading {@code ### `<pid>` (<name>)} a table
 * {@code | property | type | default | meaning |} with one row per property.
 */
final class ReadmeTables {

    /** The columns of a configuration table. */
    static final String HEADER = "| property | type | default | meaning |";

    private static final Pattern HEADING = Pattern.compile("^### `([^`]+)` \\((.*)\\)$");

    /** One configuration's section: its heading's name, and its rows by property name. */
    record Section(String name, Map<String, Row> rows) {
    }

    /** One row as written, with the Markdown escapes of the meaning undone. */
    record Row(String line, String property, String type, String defaultValue, String meaning) {
    }

    private ReadmeTables() {
    }

    /**
     * @param readme the README's text
     * @return its configuration sections by PID, in the order they are written
     */
    static Map<String, Section> parse(String readme) {
        Map<String, Section> sections = new LinkedHashMap<>();
        String pid = null;
        Section section = null;
        for (String line : readme.lines().toList()) {
            Matcher heading = HEADING.matcher(line);
            if (line.startsWith("#")) {
                pid = heading.matches() ? heading.group(1) : null;
                section = pid == null ? null : new Section(heading.group(2), new LinkedHashMap<>());
                if (section != null) {
                    sections.put(pid, section);
                }
            } else if (section != null && line.startsWith("| `")) {
                Row row = row(line);
                section.rows().put(row.property(), row);
            }
        }
        return sections;
    }

    /**
     * @return the row for an attribute, as it must be written: the value in backticks, "(empty)" for none (in backticks too),
     *         the description with its pipes escaped
     */
    static String rowFor(Metatype.Attribute a) {
        return "| `" + a.id() + "` | " + a.type() + " | " + shownDefault(a.defaultValue()) + " | "
                + a.description().replace("|", "\\|") + " |";
    }

    /** @return how a default is written in the default column */
    static String shownDefault(String value) {
        return value.isEmpty() ? "`(empty)`" : "`" + value + "`";
    }

    private static Row row(String line) {
        List<String> cells = cells(line);
        String property = cells.get(0).replace("`", "");
        return new Row(line, property, cells.size() > 1 ? cells.get(1) : "", cells.size() > 2 ? cells.get(2) : "",
                cells.size() > 3 ? cells.get(3).replace("\\|", "|") : "");
    }

    /** Splits a table row at its unescaped pipes. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
