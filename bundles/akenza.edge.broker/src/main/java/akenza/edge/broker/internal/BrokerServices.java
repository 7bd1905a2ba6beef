// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.auth.RevocationListener;
import akenza.edge.api.message.LocalTopicPolicy;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.UplinkSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The optional services the broker core uses, replaceable at any time (DS binds and unbinds them
 * dynamically; tests set them directly). Readers take a snapshot of a field once per decision.
 */
public final class BrokerServices {

    private volatile DeviceAuthenticator authenticator;
    private volatile LocalTopicPolicy topicPolicy;
    private volatile UplinkSink uplinkSink;
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();
    private volatile long startupGraceEnd = System.nanoTime();
    private volatile boolean uplinksWithoutForwarder;
    private volatile Consumer<String> revocationHandler;
    /** Registered with whichever authenticator is bound; forwards to the running broker. */
    private final RevocationListener revocations = deviceId -> {
        Consumer<String> handler = revocationHandler;
        if (handler != null) {
            handler.accept(deviceId);
        }
    };

    /**
     * @param handler told the id of a device whose credentials were revoked (closes its connections), or
     *        {@code null} while the broker is stopped
     */
    public void onRevocation(Consumer<String> handler) {
        this.revocationHandler = handler;
    }

    /**
     * Starts a grace period in which missing services count as "still starting": on a gateway the
     * credentials and forwarder components may activate after the broker, and a device reconnecting in that
     * moment must be told to retry (server unavailable; uplinks left unacknowledged) rather than be refused
     * for good or have an uplink acknowledged that nothing stored.
     *
     * @param grace how long after activation
     */
    public void startGrace(Duration grace) {
        startupGraceEnd = System.nanoTime() + grace.toNanos();
    }

    /** @return whether the broker is within its startup grace period */
    public boolean starting() {
        return System.nanoTime() - startupGraceEnd < 0;
    }

    /**
     * @return whether the operator configured a gateway without a forwarder: uplinks are then acknowledged
     *         after local delivery alone; otherwise an uplink no sink holds is never acknowledged
     */
    public boolean uplinksWithoutForwarder() {
        return uplinksWithoutForwarder;
    }

    /** @param allowed whether uplinks may be acknowledged without a sink (explicit configuration only) */
    public void uplinksWithoutForwarder(boolean allowed) {
        this.uplinksWithoutForwarder = allowed;
    }

    /** @return the device authenticator, or {@code null} */
    public DeviceAuthenticator authenticator() {
        return authenticator;
    }

    /** @param authenticator the device authenticator, or {@code null} */
    public synchronized void authenticator(DeviceAuthenticator authenticator) {
        DeviceAuthenticator previous = this.authenticator;
        if (previous == authenticator) {
            return;
        }
        if (previous != null) {
            previous.removeRevocationListener(revocations);
        }
        this.authenticator = authenticator;
        if (authenticator != null) {
            authenticator.addRevocationListener(revocations);
        }
    }

    /** @return the topic policy, or {@code null} */
    public LocalTopicPolicy topicPolicy() {
        return topicPolicy;
    }

    /** @param topicPolicy the topic policy, or {@code null} */
    public void topicPolicy(LocalTopicPolicy topicPolicy) {
        this.topicPolicy = topicPolicy;
    }

    /** @return the uplink sink, or {@code null} */
    public UplinkSink uplinkSink() {
        return uplinkSink;
    }

    /** @param uplinkSink the uplink sink, or {@code null} */
    public void uplinkSink(UplinkSink uplinkSink) {
        this.uplinkSink = uplinkSink;
    }

    /** @return the session listeners (a live, thread-safe list: add and remove freely) */
    public List<SessionListener> sessionListeners() {
        return sessionListeners;
    }

    /**
     * Compare-and-clear, for DS unbind of a dynamic reference that may already have been replaced.
     *
     * @param expected the service being unbound
     */
    public synchronized void clearAuthenticator(DeviceAuthenticator expected) {
        if (authenticator == expected) {
            authenticator = null;
            if (expected != null) {
                expected.removeRevocationListener(revocations);
            }
        }
    }

    /** @param expected the service being unbound */
    public synchronized void clearTopicPolicy(LocalTopicPolicy expected) {
        if (topicPolicy == expected) {
            topicPolicy = null;
        }
    }

    /** @param expected the service being unbound */
    public synchronized void clearUplinkSink(UplinkSink expected) {
        if (uplinkSink == expected) {
            uplinkSink = null;
        }
    }
}
