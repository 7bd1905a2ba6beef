// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that sends but never reads its socket (issue 11, hole 4): the broker stops reading it once its
 * replies stop draining, so what the broker holds for it stays bounded however much the client sends. The
 * proof is the broker's own account of the bytes it holds for a connection, not a timing.
 */
class ReadBackPressureTest {

    /** Far more than loopback socket buffers hold: a broker that keeps reading would answer all of it. */
    private static final long SENT_AT_MOST = 512L * 1024 * 1024;
    /** Netty's high water mark is 64 KiB; one read's worth of held packets adds no replies. */
    private static final long PENDING_LIMIT = 1024 * 1024;
    /** CONNECT, MQTT 3.1.1, clean session, no keep alive, client id "slow". */
    private static final byte[] CONNECT = {0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x00,
        0x00, 0x04, 's', 'l', 'o', 'w'};

    private RunningBroker broker;

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestSettings.general());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** 64 KiB of one kind of packet, each of which the broker must answer. */
    private static byte[] chunk(String kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int id = 1;
        while (out.size() < 64 * 1024) {
            switch (kind) {
            case "pingreq" -> out.writeBytes(new byte[] {(byte) 0xC0, 0x00});
            // QoS 1 PUBLISH on t/x with one payload byte: PUBACK each, and (see below) the message itself.
            case "qos1" -> out.writeBytes(new byte[] {0x32, 0x08, 0x00, 0x03, 't', '/', 'x', (byte) (id >> 8),
                (byte) id, 0x01});
            // PUBREL for packet ids never received: PUBCOMP each.
            case "pubrel" -> out.writeBytes(new byte[] {0x62, 0x02, (byte) (id >> 8), (byte) id});
            default -> throw new IllegalArgumentException(kind);
            }
            id = id % 65_535 + 1;
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pingreq", "qos1", "pubrel"})
    void aClientThatNeverReadsIsNoLongerRead(String kind) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", broker.port()));
            OutputStream out = socket.getOutputStream();
            out.write(CONNECT);
            if (kind.equals("qos1")) {
                // Subscribed to its own topic, the client gets more bytes back than it sends (like PINGREQ), so
                // the broker's socket buffers fill in a few seconds even on a busy machine.
                out.write(new byte[] {(byte) 0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 't', '/', 'x', 0x00});
            }
            byte[] chunk = chunk(kind);
            Thread writer = new Thread(() -> {
                try {
                    for (long sent = 0; sent < SENT_AT_MOST; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // the test closed the socket
                }
            }, "never-reading-client");
            writer.setDaemon(true);
            writer.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> broker.counter("connections.read_paused") >= 1);
            // The client keeps sending (its writes block once the kernel buffers fill), and the broker holds a
            // bounded amount for it all along.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> writer.isAlive()
                    && broker.counter("connections.outbound.pending.bytes.max") <= PENDING_LIMIT);
        }
    }

    @Test
    void mqtt311Qos2WithoutPubrelIsBoundedByTheInflightWindow() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(CONNECT);
            int max = TestSettings.general().maxInflight;
            for (int id = 1; id <= max + 1; id++) {
                out.write(new byte[] {0x34, 0x08, 0x00, 0x03, 't', '/', 'x', (byte) (id >> 8), (byte) id, 0x01});
            }
            out.flush();
            // CONNACK, then one PUBREC per accepted QoS 2 PUBLISH, then the broker closes the connection.
            int read = 0;
            while (in.read() >= 0) {
                read++;
            }
            Assertions.assertEquals(4 + 4 * max, read);
            Assertions.assertEquals(1, broker.counter("refused.qos2_unreleased"));
        }
    }
}
