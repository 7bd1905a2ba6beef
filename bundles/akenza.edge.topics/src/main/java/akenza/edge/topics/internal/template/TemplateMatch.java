// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.template;

import java.util.List;

/**
 * A topic or filter that has a template's shape, with the parts the placeholders took. Nothing is
 * validated yet: the device id may still be a wildcard or an invalid id.
 *
 * @param template the template that matched
 * @param deviceId the level in the {@code {deviceId}} position
 * @param topicLevels the levels in the {@code {topic}} position (empty when the template has none)
 */
public record TemplateMatch(LegacyTemplate template, String deviceId, List<String> topicLevels) {
}
