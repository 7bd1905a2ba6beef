// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.cloud;

import akenza.edge.api.cloud.Downlink;
import akenza.edge.api.cloud.DownlinkListener;
import akenza.edge.api.cloud.LinkListener;
import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.uplink.internal.sender.LinkState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications on the gateway that listen to the forwarder: {@link LinkListener}s told about the
 * connection, and {@link DownlinkListener}s handed the downlinks of their device.
 */
public final class GatewayApplications {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplications.class);

    private final Supplier<CloudTopicMapping> policy;
    private final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    private final Map<DownlinkListener, String> downlinkListeners = new ConcurrentHashMap<>();
    private volatile String secret;

    /** @param policy the current topic policy, or a supplier of {@code null} */
    public GatewayApplications(Supplier<CloudTopicMapping> policy) {
        this.policy = policy;
    }

    /** @param connectorSecret the secret of the current upstream connection, or {@code null} when there is none */
    public void connector(String connectorSecret) {
        secret = connectorSecret;
    }

    /** @param listener a link listener to add */
    public void add(LinkListener listener) {
        linkListeners.add(listener);
    }

    /** @param listener a link listener to remove */
    public void remove(LinkListener listener) {
        linkListeners.remove(listener);
    }

    /**
     * @param listener a downlink listener
     * @param deviceId its device id
     */
    public void add(DownlinkListener listener, String deviceId) {
        downlinkListeners.put(listener, deviceId);
    }

    /** @param listener a downlink listener to remove */
    public void remove(DownlinkListener listener) {
        downlinkListeners.remove(listener);
    }

    /** @return the device ids downlink listeners wait for */
    public List<String> downlinkDevices() {
        return new ArrayList<>(downlinkListeners.values());
    }

    /**
     * Tells the link listeners when the connection came up or went down.
     *
     * @param from the previous state
     * @param to the new state
     */
    public void transition(LinkState from, LinkState to) {
        if (to == LinkState.CONNECTED) {
            linkListeners.forEach(l -> call(l::linkUp));
        } else if (from == LinkState.CONNECTED) {
            boolean lost = to == LinkState.BACKOFF;
            linkListeners.forEach(l -> call(() -> l.linkDown(lost)));
        }
    }

    /**
     * Hands a downlink to the listeners of its device.
     *
     * @param cloudTopic the topic it arrived on
     * @param payload the payload
     * @param qos its QoS
     * @param properties its properties
     */
    public void downlink(String cloudTopic, byte[] payload, int qos, MessageProperties properties) {
        CloudTopicMapping p = policy.get();
        String s = secret;
        if (p == null || s == null || downlinkListeners.isEmpty()) {
            return;
        }
        for (Map.Entry<DownlinkListener, String> e : downlinkListeners.entrySet()) {
            List<String> levels = levelsFor(p.cloudDownlinkFilter(e.getValue(), s), cloudTopic);
            if (levels != null) {
                Downlink d = new Downlink(e.getValue(), levels, payload, qos, properties);
                call(() -> e.getKey().downlinkArrived(d));
            }
        }
    }

    /** @return the levels after the device id when the topic matches {@code /down/.../id/<device>/#}, else null */
    static List<String> levelsFor(String deviceFilter, String cloudTopic) {
        if (!deviceFilter.endsWith("/#")) {
            return null;
        }
        String base = deviceFilter.substring(0, deviceFilter.length() - 2);
        if (cloudTopic.equals(base)) {
            return List.of();
        }
        if (!cloudTopic.startsWith(base + "/")) {
            return null;
        }
        return List.of(cloudTopic.substring(base.length() + 1).split("/", -1));
    }

    private static void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A gateway application's listener failed: {}", e.toString());
        }
    }
}
