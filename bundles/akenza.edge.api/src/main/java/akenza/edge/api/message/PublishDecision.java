// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.util.List;
import java.util.Objects;

/** What a PUBLISH from a given identity means, as decided by a {@link LocalTopicPolicy}. */
public sealed interface PublishDecision {

    /**
     * An uplink for akenza: deliver locally and offer to the {@link UplinkSink}.
     *
     * @param deviceId the device the message is for
     * @param levels the sub-topic levels as published
     * @param akenzaTopic the akenza topic the levels make
     */
    record UplinkRoute(String deviceId, List<String> levels, String akenzaTopic) implements PublishDecision {
        /** Checks the fields and copies the levels. */
        public UplinkRoute {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(akenzaTopic, "akenzaTopic");
            levels = List.copyOf(levels);
        }
    }

    /**
     * Not an uplink; the broker's own rules decide whether it may be published locally. Returned for
     * local-application and anonymous identities.
     */
    record LocalOnly() implements PublishDecision {
    }

    /**
     * Refused: MQTT 5 answers PUBACK/PUBREC 0x87, MQTT 3.1.1 closes the connection.
     *
     * @param reason a short explanation without secrets
     */
    record Refused(String reason) implements PublishDecision {
        /** Checks the reason is present. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
