// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import java.util.regex.Pattern;

/** The component names (= configuration PIDs = metatype OCD ids) and the names Kura's console relies on. */
final class Pids {

    /** The cloud connection factory component (no configuration). */
    static final String FACTORY = "akenza.edge.kura.cloud.AkenzaCloudConnectionFactory";
    /** The endpoint's factory PID: one configuration per akenza cloud connection. */
    static final String ENDPOINT = "akenza.edge.kura.cloud.AkenzaCloudEndpoint";
    /** The publisher's factory PID. */
    static final String PUBLISHER = "akenza.edge.kura.cloud.AkenzaCloudPublisher";
    /** The subscriber's factory PID. */
    static final String SUBSCRIBER = "akenza.edge.kura.cloud.AkenzaCloudSubscriber";
    /** The forwarder every akenza connection uses; shown as part of the connection in Kura's console. */
    static final String FORWARDER = "akenza.edge.uplink.Forwarder";

    /** The kura.service.pid Kura's New Connection dialog proposes for a new akenza connection. */
    static final String DEFAULT_CONNECTION = "akenza.edge.kura.cloud.CloudEndpoint";
    /** What a connection's kura.service.pid must look like (the dialog checks it too). */
    static final String CONNECTION_REGEX = "^akenza\\.edge\\.kura\\.cloud\\.CloudEndpoint(\\-[a-zA-Z0-9]+)?$";
    static final Pattern CONNECTION = Pattern.compile(CONNECTION_REGEX);

    private Pids() {
    }
}
