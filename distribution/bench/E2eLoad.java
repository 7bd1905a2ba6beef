// SPDX-License-Identifier: EPL-2.0

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end load of distribution/bench/e2e: N devices publish QoS 1 uplinks to an edge (the gateway, or a
 * Mosquitto bridge) and one subscriber at the upstream broker counts the unique arrivals. HiveMQ async MQTT
 * 3.1.1 clients; each device keeps at most {@code --inflight} publishes unacknowledged and sends the next one
 * from the acknowledgement of the previous (no driver thread, no thread per client).
 *
 * <pre>
 * java -cp CLASSPATH E2eLoad.java keys --dir DIR --devices N              (JWT devices: keys and PEM files)
 * java -cp CLASSPATH E2eLoad.java run --port EDGE --upstream-port UP --secret S (--user U --password P | --jwt DIR)
 *      [--devices 10] [--messages 10000] [--size 100] [--inflight 32] [--backlog-signal FILE]
 * java -cp CLASSPATH E2eLoad.java serve     (one "run ..." line after another on standard input)
 * </pre>
 *
 * {@code serve} keeps one JVM for every load of a system's measurement: each line of standard input is a
 * {@code run} command line, answered with its RESULT line and then {@code END}. A load generator started anew for
 * every load spent 35-45 % of its CPU in its JIT compiler threads, more the longer a load took, which made its
 * cost (about three quarters of the machine's work per message) differ from one load to the next and from one
 * system to the other; the warm-up loads now warm the load generator too, as a fleet of devices needs no JIT.
 *
 * With {@code --backlog-signal} the edge is expected to hold everything back (its forwarder disabled): once
 * every publish is acknowledged the file is created, the script lets the edge forward, and the RESULT line's
 * {@code drain_rate} is unique arrivals / (last arrival - first arrival), the rate at which the backlog drained.
 *
 * Payload: send time (8 bytes), device index (4), sequence number (4), padding to {@code --size}.
 */
public class E2eLoad {

    private static final String HOST = "127.0.0.1";
    /** The run is over when nothing arrived upstream for this long after the last publish was acknowledged. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Map<String, String> options;

    E2eLoad(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        E2eLoad load = new E2eLoad(options(args));
        switch (args.length == 0 ? "" : args[0]) {
            case "keys" -> load.keys();
            case "run" -> load.run();
            case "serve" -> serve();
            default -> {
                System.err.println("usage: E2eLoad keys|run ... (see the class comment)");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** Runs one load per "run ..." line of standard input; each answered with its output and then END. */
    static void serve() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            String[] args = line.trim().split("\\s+");
            if (args[0].isEmpty()) {
                continue;
            }
            try {
                if (!args[0].equals("run")) {
                    throw new IllegalArgumentException("serve takes 'run ...' lines, not: " + args[0]);
                }
                new E2eLoad(options(args)).run();
            } catch (Exception e) {
                System.err.println("load failed: " + e);
            }
            System.out.println("END");
            System.out.flush();
        }
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static String deviceId(int index) {
        return "bench-dev-" + index;
    }

    /**
     * @return a connector device's id (client id and topic): apart from the JWT devices' ids, since the gateway
     *         refuses a client id that belongs to a registered JWT device to anyone else
     */
    static String connectorDeviceId(int index) {
        return "bench-sec-" + index;
    }

    // ---- JWT devices: one P-256 key pair, its public key registered for every device ------------------------

    /** Writes DIR/private.der and DIR/pem/&lt;deviceId&gt;.pem for the gateway's key directory. */
    void keys() throws Exception {
        Path dir = Path.of(option("dir"));
        int devices = intOption("devices", 1000);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        Files.createDirectories(dir.resolve("pem"));
        Files.write(dir.resolve("private.der"), pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        for (int i = 0; i < devices; i++) {
            Files.writeString(dir.resolve("pem").resolve(deviceId(i) + ".pem"), pem);
        }
    }

    /** An ES256 device token as akenza's examples make it: iat, exp (one hour), aud. */
    static String token(Signature signer, String deviceId) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"aud\":\"https://akenza.io/devices/" + deviceId + "\"}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(derToJose(signer.sign()));
    }

    /** JWS wants r || s (32 bytes each), the JDK signs ASN.1 DER. */
    static byte[] derToJose(byte[] der) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sOffset = offset + 2 + rLength;
        byte[] s = Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + der[sOffset + 1]);
        byte[] out = new byte[64];
        System.arraycopy(r, Math.max(0, r.length - 32), out, 32 - Math.min(32, r.length), Math.min(32, r.length));
        System.arraycopy(s, Math.max(0, s.length - 32), out, 64 - Math.min(32, s.length), Math.min(32, s.length));
        return out;
    }

    // ---- the run -----------------------------------------------------------------------------------------------

    void run() throws Exception {
        int port = intOption("port", 1883);
        int upstreamPort = intOption("upstream-port", 1884);
        int devices = intOption("devices", 10);
        int messages = intOption("messages", 10_000);
        int size = Math.max(16, intOption("size", 100));
        int inflight = intOption("inflight", 32);
        String secret = option("secret");
        String jwtDir = options.get("jwt");
        int total = devices * messages;

        AtomicIntegerArray arrived = new AtomicIntegerArray(total);
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(total);
        long[] latencies = new long[total];
        AtomicInteger unique = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicLong lastArrival = new AtomicLong(System.nanoTime());
        AtomicLong firstArrival = new AtomicLong();
        String backlogSignal = options.get("backlog-signal");
        // A backlog waits for the script to switch forwarding on after the fill: allow for that.
        long stallNanos = backlogSignal == null ? STALL_NANOS : 6 * STALL_NANOS;
        Mqtt3AsyncClient subscriber = MqttClient.builder().useMqttVersion3().identifier("bench-e2e-sub-" + System.nanoTime())
                .serverHost(HOST).serverPort(upstreamPort).buildAsync();
        subscriber.connectWith().cleanSession(true).send().get(30, TimeUnit.SECONDS);
        subscriber.subscribeWith().topicFilter("/up/#").qos(MqttQos.AT_LEAST_ONCE).callback(publish -> {
            long now = System.nanoTime();
            ByteBuffer payload = publish.getPayload().orElse(null);
            if (payload == null || payload.remaining() < 16) {
                return;
            }
            int device = payload.getInt(8);
            int seq = payload.getInt(12);
            int index = device * messages + seq;
            if (device < 0 || device >= devices || seq < 0 || seq >= messages) {
                return;
            }
            if (arrived.compareAndSet(index, 0, 1)) {
                int n = unique.getAndIncrement();
                if (n == 0) {
                    firstArrival.set(now);
                }
                latencies[n] = now - payload.getLong(0);
                lastArrival.set(now);
            } else {
                duplicates.incrementAndGet();
            }
        }).send().get(30, TimeUnit.SECONDS);

        Signature signer = null;
        if (jwtDir != null) {
            signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Files.readAllBytes(Path.of(jwtDir, "private.der")))));
        }
        List<Mqtt3AsyncClient> clients = new ArrayList<>(devices);
        AtomicInteger connectFailures = new AtomicInteger();
        // At most 100 CONNECTs outstanding: a burst of 1,000 would measure the listen backlog.
        Semaphore connecting = new Semaphore(100);
        List<CompletableFuture<?>> connects = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            String id = signer == null ? connectorDeviceId(d) : deviceId(d);
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(id).serverHost(HOST)
                    .serverPort(port).buildAsync();
            clients.add(c);
            var connect = c.connectWith().cleanSession(true).keepAlive(600);
            var withAuth = signer == null
                    ? connect.simpleAuth().username(option("user"))
                            .password(option("password").getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    : connect.simpleAuth().username(id).password(token(signer, id).getBytes(StandardCharsets.UTF_8))
                            .applySimpleAuth();
            if (!connecting.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connects hang");
            }
            connects.add(withAuth.send().whenComplete((ack, error) -> {
                if (error != null) {
                    connectFailures.incrementAndGet();
                }
                connecting.release();
            }));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(120, TimeUnit.SECONDS);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        if (connectFailures.get() > 0) {
            System.err.println(connectFailures.get() + " of " + devices + " devices could not connect");
        }

        byte[] padding = new byte[size - 16];
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastAck = new AtomicLong();
        AtomicInteger[] next = new AtomicInteger[devices];
        String[] topics = new String[devices];
        long first = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            next[d] = new AtomicInteger();
            // akenza's topics: a JWT device publishes on /up/device/id/<id>, a connector's on /up/<secret>/id/<id>.
            topics[d] = signer == null ? "/up/" + secret + "/id/" + connectorDeviceId(d)
                    : "/up/device/id/" + deviceId(d);
        }
        Publisher publisher = new Publisher(clients, topics, next, messages, padding, acked, errors, lastAck,
                acknowledged);
        for (int d = 0; d < devices; d++) {
            if (!clients.get(d).getState().isConnected()) {
                continue;
            }
            for (int i = 0; i < inflight; i++) {
                publisher.sendNext(d);
            }
        }
        int expected = 0;
        for (int d = 0; d < devices; d++) {
            expected += clients.get(d).getState().isConnected() ? messages : 0;
        }
        // Done when everything arrived and was acknowledged (a bridge may deliver before it acknowledges), or
        // nothing arrived for STALL_NANOS after the last acknowledgement.
        boolean signalled = false;
        while (unique.get() < expected || acked.get() + errors.get() < expected) {
            long now = System.nanoTime();
            boolean allAcked = acked.get() + errors.get() >= expected;
            if (allAcked && backlogSignal != null && !signalled) {
                signalled = true;
                Files.writeString(Path.of(backlogSignal), "filled\n");
            }
            if (allAcked && now - Math.max(lastArrival.get(), lastAck.get()) > stallNanos) {
                break;
            }
            if (!allAcked && now - Math.max(lastArrival.get(), lastAck.get()) > 6 * STALL_NANOS) {
                break; // the edge stopped acknowledging
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        int n = unique.get();
        int lost = 0;
        for (int i = 0; i < total; i++) {
            if (acknowledged.get(i) == 1 && arrived.get(i) == 0) {
                lost++; // the edge acknowledged it, the upstream never saw it
            }
        }
        double seconds = (lastArrival.get() - first) / 1e9;
        double ackSeconds = (lastAck.get() - first) / 1e9;
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("RESULT e2e devices=%d messages=%d size=%d inflight=%d jwt=%s connect_failures=%d"
                + " connect_s=%.1f acked=%d errors=%d received=%d lost=%d unacknowledged=%d duplicates=%d seconds=%.2f rate=%.0f"
                + " ack_rate=%.0f p50_ms=%d p99_ms=%d max_ms=%d drain_rate=%.0f%n", devices, total, size, inflight,
                jwtDir != null,
                connectFailures.get(), connectSeconds, acked.get(), errors.get(), n, lost, total - acked.get(), duplicates.get(),
                seconds, n / seconds, acked.get() / ackSeconds, percentileMs(sorted, 50), percentileMs(sorted, 99),
                percentileMs(sorted, 100), n / Math.max(1e-9, (lastArrival.get() - firstArrival.get()) / 1e9));
        List<CompletableFuture<?>> done = new ArrayList<>();
        clients.add(subscriber);
        for (Mqtt3AsyncClient c : clients) {
            if (c.getState().isConnected()) {
                done.add(c.disconnect().exceptionally(e -> null));
            }
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    static long percentileMs(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000;
    }

    /** Sends a device's next uplink; each acknowledgement sends the one after (the window stays full). */
    private record Publisher(List<Mqtt3AsyncClient> clients, String[] topics, AtomicInteger[] next, int messages,
            byte[] padding, AtomicInteger acked, AtomicInteger errors, AtomicLong lastAck,
            AtomicIntegerArray acknowledged) {

        void sendNext(int device) {
            int seq = next[device].getAndIncrement();
            if (seq >= messages) {
                return;
            }
            ByteBuffer payload = ByteBuffer.allocate(16 + padding.length).putLong(System.nanoTime())
                    .putInt(device).putInt(seq).put(padding).flip();
            clients.get(device).publishWith().topic(topics[device]).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                    .send().whenComplete((result, error) -> {
                        if (error != null) {
                            if (errors.getAndIncrement() == 0) {
                                System.err.println("first publish error: " + error);
                            }
                        } else {
                            acked.incrementAndGet();
                            acknowledged.set(device * messages + seq, 1);
                        }
                        lastAck.set(System.nanoTime());
                        sendNext(device);
                    });
        }
    }
}
