// SPDX-License-Identifier: EPL-2.0
/**
 * Message contracts: topic policy, uplinks to the cloud and downlinks to local subscribers.
 *
 * <p>The broker asks {@link akenza.edge.api.message.LocalTopicPolicy} what a PUBLISH means, offers uplinks
 * to {@link akenza.edge.api.message.UplinkSink}, and provides {@link akenza.edge.api.message.LocalDelivery}
 * so downlinks can reach its subscribers. The forwarder maps topics to and from the cloud with
 * {@link akenza.edge.api.message.CloudTopicMapping}.
 *
 * <p>2.0.0: the seven-method {@code TopicPolicy} is split by consumer into {@code LocalTopicPolicy} (broker) and
 * {@code CloudTopicMapping} (forwarder), both provided by the topics bundle; removing an interface is a major
 * change.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package akenza.edge.api.message;
