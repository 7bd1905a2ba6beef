// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The topic policy's configuration, as Kura's console shows it. */
@ObjectClassDefinition(id = TopicPolicyComponent.PID, name = "akenza Edge topic policy",
        description = "akenza topic rules for devices on the local broker. Devices (JWT or connector secret) may "
                + "publish only to /up/device/id/<own device id>/... (JWT) or /up/<connector secret>/id/<device id>/... "
                + "(connector) and subscribe only inside the matching /down/... tree of their device id. Local "
                + "applications and anonymous clients are governed by the broker's ACL: their messages, /up/... topics "
                + "included, stay local unless a legacy template below makes them uplinks.")
public @interface TopicPolicyConfig {

    /** @return {@code default.topic} */
    @AttributeDefinition(name = "Default akenza topic",
            description = "akenza topic of uplinks published without a sub-topic. akenza itself uses 'default'; "
                    + "change it only if your device types expect another topic.")
    String default_topic() default "default";

    /** @return {@code subtopic.separator} */
    @AttributeDefinition(name = "Sub-topic separator",
            description = "Joins the sub-topic levels of an uplink into its akenza topic: with '_' (akenza's own), "
                    + "/up/device/id/dev-1/alerts/critical becomes alerts_critical. 1 to 8 characters, no /, + or #.")
    String subtopic_separator() default "_";

    /** @return {@code max.topic.length} */
    @AttributeDefinition(name = "Maximum topic length", min = "64", max = "65535",
            description = "Longest topic a device may publish or subscribe to, in bytes (UTF-8). Longer topics are "
                    + "refused.")
    int max_topic_length() default 1024;

    /** @return {@code max.sub.topic.levels} */
    @AttributeDefinition(name = "Maximum sub-topic levels", min = "0", max = "64",
            description = "Most sub-topic levels after the device id (/up/device/id/dev-1/a/b has 2). Deeper topics "
                    + "are refused.")
    int max_sub_topic_levels() default 8;

    /** @return {@code legacy.templates} */
    @AttributeDefinition(name = "Legacy topic templates", required = false,
            description = "For devices whose firmware cannot use akenza topics (e.g. Tasmota). One rule per line: "
                    + "'uplink|downlink <template> as <who>[, <who>...]'. The template is a topic made of fixed "
                    + "levels, exactly one {deviceId} level and optionally a last {topic} (one or more levels that "
                    + "become the akenza topic; without {topic} the akenza topic is the default topic). <who> is "
                    + "connector:<connector id> (that connector's clients, for the devices it allows), local (every "
                    + "local application account), local:<account> or anonymous. Uplink rules turn matching "
                    + "PUBLISHes into uplinks; downlink rules add a local topic for every downlink of the device and "
                    + "let the named connector subscribe to it. Example: 'uplink tele/{deviceId}/{topic} as "
                    + "connector:0123456789abcdef' and 'downlink cmnd/{deviceId}/{topic} as local'. Lines starting "
                    + "with # are ignored; invalid rules are skipped and reported in the log and status.|TextArea")
    String legacy_templates() default "";
}
