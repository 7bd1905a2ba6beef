// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.api.auth.AuthMethod;
import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.api.message.LocalTopicPolicy;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.SessionListener;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.api.message.UplinkSink;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Small test implementations of the api services the broker consumes. */
final class TestDevices {

    private TestDevices() {
    }

    /**
     * Accepts password "good" as a JWT device whose id is the client id, "short" as one whose credential
     * expires in a second, "connector:&lt;id&gt;" as that connector; answers from another thread after a short
     * delay, like a real signature check.
     */
    static final class Authenticator implements DeviceAuthenticator {
        final List<ConnectRequest> requests = new CopyOnWriteArrayList<>();
        final List<akenza.edge.api.auth.RevocationListener> revocationListeners = new CopyOnWriteArrayList<>();
        final Set<String> revoked = ConcurrentHashMap.newKeySet();

        /** Revokes a device as the credentials component does: refuse it from now on, tell the listeners. */
        void revoke(String deviceId) {
            revoked.add(deviceId);
            revocationListeners.forEach(l -> l.revoked(deviceId));
        }

        @Override
        public void addRevocationListener(akenza.edge.api.auth.RevocationListener listener) {
            revocationListeners.add(listener);
        }

        @Override
        public void removeRevocationListener(akenza.edge.api.auth.RevocationListener listener) {
            revocationListeners.remove(listener);
        }
        private final Executor later = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

        @Override
        public CompletionStage<AuthResult> authenticate(ConnectRequest request) {
            requests.add(request);
            return CompletableFuture.supplyAsync(() -> {
                String password = request.hasPassword() ? new String(request.password()) : "";
                if (revoked.contains(request.clientId())) {
                    return AuthResult.refused(RefusalReason.NOT_AUTHORIZED, "revoked");
                }
                if (password.startsWith("connector:")) {
                    return AuthResult.accepted(DeviceIdentity.connector(new TestConnector(password.substring(10))));
                }
                return switch (password) {
                    case "good" -> AuthResult.accepted(DeviceIdentity.jwt(request.clientId(), null));
                    case "short" -> AuthResult.accepted(DeviceIdentity.jwt(request.clientId(),
                            Instant.now().plusSeconds(1)));
                    default -> AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "bad token");
                };
            }, later);
        }

        /** Client ids starting with {@code jwt-} name devices with keys: only those devices may use them. */
        @Override
        public boolean mayUseClientId(DeviceIdentity identity, String clientId) {
            return !clientId.startsWith("jwt-")
                    || identity.method() == AuthMethod.JWT && identity.id().equals(clientId);
        }
    }

    /** A connector whose secret is {@code secret-<id>}, for every device. */
    record TestConnector(String id) implements Connector {
        @Override
        public boolean secretMatches(CharSequence candidate) {
            return secret().contentEquals(candidate);
        }

        @Override
        public boolean allowsDevice(String deviceId) {
            return true;
        }

        @Override
        public String secret() {
            return "secret-" + id;
        }

        @Override
        public String toString() {
            return "TestConnector[" + id + "]";
        }
    }

    /**
     * Devices publish on {@code /up/device/id/<id>/...} and subscribe to {@code /down/device/id/<id>/#};
     * local applications' {@code tele/<id>/SENSOR} becomes an uplink (a legacy template).
     */
    static final class Policy implements LocalTopicPolicy {
        @Override
        public PublishDecision classifyPublish(DeviceIdentity identity, String topic) {
            String[] levels = topic.split("/", -1);
            if (identity.method().isDevice()) {
                String prefix = "/up/device/id/" + identity.id();
                if (!topic.equals(prefix) && !topic.startsWith(prefix + "/")) {
                    return new PublishDecision.Refused("not this device's uplink topic");
                }
                List<String> sub = Arrays.asList(levels).subList(5, levels.length);
                return new PublishDecision.UplinkRoute(identity.id(), sub,
                        sub.isEmpty() ? "default" : String.join("_", sub));
            }
            if (levels.length == 3 && levels[0].equals("tele") && levels[2].equals("SENSOR")) {
                return new PublishDecision.UplinkRoute(levels[1], List.of(), "default");
            }
            return new PublishDecision.LocalOnly();
        }

        @Override
        public Optional<String> refuseSubscribe(DeviceIdentity identity, String topicFilter) {
            return topicFilter.startsWith("/down/device/id/" + identity.id() + "/") ? Optional.empty()
                    : Optional.of("not this device's downlink topic");
        }
    }

    /** Holds every offer until the test completes or refuses it. */
    static final class Sink implements UplinkSink {
        final List<Uplink> uplinks = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        volatile boolean autoComplete;

        @Override
        public CompletionStage<Void> offer(Uplink uplink) {
            uplinks.add(uplink);
            CompletableFuture<Void> stage = new CompletableFuture<>();
            stages.add(stage);
            if (autoComplete) {
                stage.complete(null);
            }
            return stage;
        }

        void completeAll() {
            stages.forEach(s -> s.complete(null));
        }

        void refuse(int index, UplinkRefusedException.Reason reason) {
            stages.get(index).completeExceptionally(new UplinkRefusedException(reason, "test refusal"));
        }
    }

    /** Records connect and disconnect calls. */
    static final class Listener implements SessionListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void connected(String clientId, DeviceIdentity identity) {
            events.add("+" + clientId + ":" + identity.method());
        }

        @Override
        public void disconnected(String clientId, DeviceIdentity identity) {
            events.add("-" + clientId + ":" + identity.method());
        }
    }
}
