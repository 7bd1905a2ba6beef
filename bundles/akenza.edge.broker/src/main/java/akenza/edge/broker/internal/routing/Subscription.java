// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

/**
 * One client's subscription to one filter.
 *
 * @param clientId the subscriber
 * @param filter the topic filter (without the share prefix)
 * @param shareGroup the share group, or {@code null}
 * @param qos the granted maximum QoS
 * @param noLocal v5: do not deliver the client's own messages
 * @param retainAsPublished v5: keep the publisher's retain flag
 * @param retainHandling v5: 0 send retained on subscribe, 1 only for a new subscription, 2 never
 * @param subscriptionId v5 subscription identifier, 0 when none
 * @param aclFiltered whether each delivery is checked against the ACL (a wildcard filter that reaches both
 *        allowed and denied topics is granted, and the denied topics are filtered out message by message)
 */
public record Subscription(String clientId, String filter, String shareGroup, int qos, boolean noLocal,
        boolean retainAsPublished, int retainHandling, int subscriptionId, boolean aclFiltered) {

    /** @return the key of this subscription within its client's session (the filter as subscribed) */
    public String sessionKey() {
        return key(shareGroup, filter);
    }

    /**
     * @param shareGroup share group or {@code null}
     * @param filter the filter proper
     * @return the key under which a session keeps the subscription
     */
    public static String key(String shareGroup, String filter) {
        return shareGroup == null ? filter : Topics.SHARE_PREFIX + shareGroup + "/" + filter;
    }
}
