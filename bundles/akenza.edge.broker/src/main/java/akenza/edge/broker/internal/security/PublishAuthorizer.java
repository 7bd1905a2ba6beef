// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import java.util.Optional;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.TopicPolicy;
import akenza.edge.broker.internal.acl.Acl;

/**
 * Authorizes PUBLISH and SUBSCRIBE. Devices are judged by the {@link TopicPolicy} alone (none present:
 * refused); local applications and anonymous clients by the ACL first, after which the policy may still
 * turn an allowed PUBLISH into an uplink or refuse it.
 */
public final class PublishAuthorizer {

    private static final PublishDecision LOCAL = new PublishDecision.LocalOnly();

    private PublishAuthorizer() {
    }

    /**
     * @param identity who publishes
     * @param topic the topic name
     * @param acl the ACL ({@code null} = deny everything)
     * @param policy the topic policy, or {@code null}
     * @return what the PUBLISH means
     */
    public static PublishDecision publish(DeviceIdentity identity, String topic, Acl acl, TopicPolicy policy) {
        if (identity.method().isDevice()) {
            if (policy == null) {
                return new PublishDecision.Refused("no topic policy available");
            }
            return safeClassify(policy, identity, topic);
        }
        if (acl == null || !acl.mayPublish(topic)) {
            return new PublishDecision.Refused("denied by acl");
        }
        if (policy == null) {
            return LOCAL;
        }
        return safeClassify(policy, identity, topic);
    }

    private static PublishDecision safeClassify(TopicPolicy policy, DeviceIdentity identity, String topic) {
        try {
            PublishDecision decision = policy.classifyPublish(identity, topic);
            return decision == null ? new PublishDecision.Refused("topic policy gave no decision") : decision;
        } catch (RuntimeException e) {
            return new PublishDecision.Refused("topic policy failed");
        }
    }

    /**
     * @param identity who subscribes
     * @param filter the filter as requested (may carry a {@code $share/group/} prefix)
     * @param acl the ACL ({@code null} = deny everything)
     * @param policy the topic policy, or {@code null}
     * @return empty when allowed, otherwise the reason (without secrets)
     */
    public static Optional<String> refuseSubscribe(DeviceIdentity identity, String filter, Acl acl,
            TopicPolicy policy) {
        if (identity.method().isDevice()) {
            if (policy == null) {
                return Optional.of("no topic policy available");
            }
            try {
                Optional<String> refusal = policy.refuseSubscribe(identity, filter);
                return refusal == null ? Optional.of("topic policy gave no decision") : refusal;
            } catch (RuntimeException e) {
                return Optional.of("topic policy failed");
            }
        }
        return acl != null && acl.maySubscribe(filter) ? Optional.empty() : Optional.of("denied by acl");
    }
}
