// SPDX-License-Identifier: EPL-2.0
/**
 * Contracts for applications on the gateway itself (such as the Kura cloud connection) that send uplinks to
 * akenza and receive downlinks through the forwarder, with the same durable buffer and delivery guarantees
 * as devices on the LAN.
 *
 * <p>The forwarder provides {@link akenza.edge.api.cloud.CloudUplinks}. Applications register
 * {@link akenza.edge.api.cloud.LinkListener} and {@link akenza.edge.api.cloud.DownlinkListener} services
 * (whiteboard); the forwarder calls them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package akenza.edge.api.cloud;
