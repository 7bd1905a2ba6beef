// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.LocalTopicPolicy;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.broker.internal.acl.Acl;
import java.util.Arrays;
import java.util.Optional;

/**
 * Authorizes PUBLISH and SUBSCRIBE. Devices are judged by the {@link LocalTopicPolicy} alone (none present:
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
    public static PublishDecision publish(DeviceIdentity identity, String topic, Acl acl, LocalTopicPolicy policy) {
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

    private static PublishDecision safeClassify(LocalTopicPolicy policy, DeviceIdentity identity, String topic) {
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
            LocalTopicPolicy policy) {
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

    /**
     * Whether a wildcard filter the ACL refuses as a whole still reaches topics the ACL lets the client receive.
     * Then the broker grants it and filters deliveries with {@link Acl#mayReceive(String)} instead of refusing:
     * in the general-purpose configuration ({@code deny subscribe test/nosubscribe, allow all #}) {@code #} and
     * {@code +/+} must be granted, while no message on a denied topic may reach the subscriber.
     *
     * @param filter the filter proper (without a share prefix)
     * @param acl the ACL
     * @return whether a representative topic of the filter may be received
     */
    public static boolean reachesAllowedTopics(String filter, Acl acl) {
        if (acl == null || (filter.indexOf('+') < 0 && filter.indexOf('#') < 0)) {
            return false;
        }
        String any = "x-any";
        String replaced = String.join("/", Arrays.stream(filter.split("/", -1))
                .map(level -> level.equals("+") || level.equals("#") ? any : level).toList());
        if (acl.mayReceive(replaced)) {
            return true;
        }
        if (filter.endsWith("#")) {
            String parent = filter.length() > 2 ? filter.substring(0, filter.length() - 2) : null;
            return parent != null && !parent.isEmpty() && acl.mayReceive(
                    String.join("/", Arrays.stream(parent.split("/", -1))
                            .map(level -> level.equals("+") ? any : level).toList()));
        }
        return false;
    }
}
