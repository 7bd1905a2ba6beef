// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After the broker sends an MQTT 5 DISCONNECT it closes the connection (4.13.2), in an orderly way: a client that
 * is still sending when it is disconnected (here: more QoS 2 PUBLISHes than the Receive Maximum, 3.3.4-9, and
 * the PUBRELs for their PUBRECs) reads every acknowledgement, the DISCONNECT 0x93 and the end of the stream,
 * never a broken pipe or a TCP reset;
 * and the broker does not keep the socket open for long if the client does not close it.
 */
class DisconnectThenCloseTest {

    private static final int RECEIVE_MAXIMUM = 10;

    /** CONNECT, MQTT 5, clean start, keep alive 0, client id "raw", no properties. */
    private static final byte[] CONNECT_V5 = {0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
        0x00, 0x00, 0x03, 'r', 'a', 'w'};

    private RunningBroker broker;

    @BeforeEach
    void start() {
        TestSettings settings = TestSettings.general();
        settings.maxInflight = RECEIVE_MAXIMUM;
        broker = new RunningBroker(settings);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** QoS 2 PUBLISH on topic "q" with packet id {@code id}, no properties, payload "x". */
    private static byte[] qos2Publish(int id) {
        return new byte[] {0x34, 0x07, 0x00, 0x01, 'q', 0x00, (byte) id, 0x00, 'x'};
    }

    /** QoS 0 PUBLISH on topic "q" with a payload of {@code size} bytes. */
    private static byte[] bigPublish(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        int remaining = 2 + 1 + 1 + size;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        out.writeBytes(new byte[] {0x00, 0x01, 'q', 0x00});
        out.writeBytes(new byte[size]);
        return out.toByteArray();
    }

    /** @return the first byte of the next packet, its body after it; {@code null} at the end of the stream */
    private static byte[] readPacket(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.read();
        if (type < 0) {
            return null;
        }
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = data.readUnsignedByte();
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        byte[] packet = new byte[length + 1];
        packet[0] = (byte) type;
        data.readFully(packet, 1, length);
        return packet;
    }

    @Test
    void clientStillSendingReadsTheDisconnectAndAnOrderlyEnd() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(CONNECT_V5);
            assertEquals(0x20, readPacket(s.getInputStream())[0] & 0xFF, "CONNACK");

            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int id = 1; id <= RECEIVE_MAXIMUM + 1; id++) {
                burst.writeBytes(qos2Publish(id));
            }
            out.write(burst.toByteArray());

            // As every client does, answer each PUBREC with a PUBREL as it is read: these arrive after the
            // broker has decided to disconnect, and must not turn into a reset before the DISCONNECT is read.
            byte[] packet;
            int pubrecs = 0;
            while ((packet = readPacket(s.getInputStream())) != null && (packet[0] & 0xFF) == 0x50) {
                pubrecs++;
                out.write(new byte[] {0x62, 0x02, packet[1], packet[2]});
            }
            assertEquals(RECEIVE_MAXIMUM, pubrecs, "one PUBREC per PUBLISH within the Receive Maximum");
            assertEquals(0xE0, packet[0] & 0xFF, "DISCONNECT");
            assertEquals(0x93, packet[1] & 0xFF, "Receive Maximum exceeded");
            assertNull(readPacket(s.getInputStream()), "then the end of the stream, not a reset");
            // A client may not notice at once and go on sending: the broker still reads (and discards) it, so
            // the client's writes do not fail with a reset.
            byte[] more = bigPublish(1024 * 1024);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> out.write(more), "the broker reads on");

            // The client keeps its socket open: the broker closes it on its own soon after.
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.counter("connections.open") == 0);
        }
    }

    @Test
    void repliesToPacketsReadWithTheClientsDisconnectStillGoOut() throws Exception {
        // Replies written during a read are flushed once at its end; a DISCONNECT in the same read closes the
        // connection before that, and the replies before it must not be dropped with the unflushed writes.
        try (Socket s = new Socket("127.0.0.1", broker.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(CONNECT_V5);
            assertEquals(0x20, readPacket(s.getInputStream())[0] & 0xFF, "CONNACK");

            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(new byte[] {0x32, 0x07, 0x00, 0x01, 'q', 0x00, 0x05, 0x00, 'x'}); // QoS 1 PUBLISH
            burst.writeBytes(new byte[] {(byte) 0xC0, 0x00}); // PINGREQ
            burst.writeBytes(new byte[] {(byte) 0xE0, 0x00}); // DISCONNECT, normal
            out.write(burst.toByteArray());

            byte[] puback = readPacket(s.getInputStream());
            assertEquals(0x40, puback[0] & 0xFF, "PUBACK");
            assertEquals(0x05, puback[2] & 0xFF, "for packet id 5");
            assertEquals(0xD0, readPacket(s.getInputStream())[0] & 0xFF, "PINGRESP");
            assertNull(readPacket(s.getInputStream()), "then the end of the stream");
        }
    }
}
