// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.template;

import java.util.List;

/**
 * The legacy templates of one configuration, immutable, in rule order (the first matching rule wins).
 *
 * @param uplinks the uplink rules
 * @param downlinks the downlink rules
 * @param errors one message per rejected rule, naming the rule and what is wrong
 */
public record TemplateSet(List<LegacyTemplate> uplinks, List<LegacyTemplate> downlinks, List<String> errors) {

    /** No templates. */
    public static final TemplateSet EMPTY = new TemplateSet(List.of(), List.of(), List.of());

    /** Copies the lists. */
    public TemplateSet {
        uplinks = List.copyOf(uplinks);
        downlinks = List.copyOf(downlinks);
        errors = List.copyOf(errors);
    }
}
