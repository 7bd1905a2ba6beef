// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** An akenza cloud connection as Kura's Cloud Connections page shows it. */
@ObjectClassDefinition(id = Pids.ENDPOINT, name = "akenza cloud connection",
        description = "Sends what Kura applications and Wires publish to akenza through akenza Edge's uplink "
                + "forwarder (its device connector, durable buffer and MQTT connection), and delivers akenza's "
                + "downlinks to Kura subscribers. Set the connector in the akenza Edge uplink forwarder; the "
                + "forwarder connects by itself.")
@interface EndpointConfig {

    /** @return the default device id */
    @AttributeDefinition(name = "Default akenza device id", required = false,
            description = "akenza device id for the publishers of this connection that leave theirs empty. "
                    + "Empty = the gateway device id of the akenza Edge uplink forwarder.")
    String device_id() default "";
}
