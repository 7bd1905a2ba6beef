// SPDX-License-Identifier: EPL-2.0
/**
 * Message contracts: topic policy, uplinks to the cloud and downlinks to local subscribers.
 *
 * <p>The broker asks {@link akenza.edge.api.message.TopicPolicy} what a PUBLISH means, offers uplinks
 * to {@link akenza.edge.api.message.UplinkSink}, and provides {@link akenza.edge.api.message.LocalDelivery}
 * so downlinks can reach its subscribers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package akenza.edge.api.message;
