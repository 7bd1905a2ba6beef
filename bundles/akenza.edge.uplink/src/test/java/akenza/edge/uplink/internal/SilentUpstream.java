// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake MQTT 5 server that accepts connections (CONNACK) and subscriptions (SUBACK) and then never
 * acknowledges anything: the "connected but not forwarding" upstream.
 */
final class SilentUpstream implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger publishes = new AtomicInteger();
    private volatile boolean closed;
    /** Whether SUBSCRIBE gets a SUBACK (off: the subscription is never answered). */
    volatile boolean answerSubscribe = true;

    SilentUpstream() throws IOException {
        Thread t = new Thread(this::acceptLoop, "test-silent-upstream");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "test-silent-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                int header = in.readUnsignedByte();
                int length = readVarint(in);
                byte[] body = new byte[length];
                in.readFully(body);
                int type = header >> 4;
                if (type == 1) {
                    connects.incrementAndGet();
                    out.write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00});
                } else if (type == 8 && answerSubscribe) {
                    out.write(suback(body));
                } else if (type == 3) {
                    publishes.incrementAndGet();
                }
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    /** SUBACK granting QoS 1 to every filter of an MQTT 5 SUBSCRIBE body. */
    private static byte[] suback(byte[] body) {
        int pos = 2;
        int[] props = varint(body, pos);
        pos = props[1] + props[0];
        int filters = 0;
        while (pos < body.length) {
            int len = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
            pos += 2 + len + 1;
            filters++;
        }
        byte[] ack = new byte[2 + 3 + filters];
        ack[0] = (byte) 0x90;
        ack[1] = (byte) (3 + filters);
        ack[2] = body[0];
        ack[3] = body[1];
        ack[4] = 0;
        for (int i = 0; i < filters; i++) {
            ack[5 + i] = 1;
        }
        return ack;
    }

    /** @return {value, position after it} */
    private static int[] varint(byte[] b, int pos) {
        int value = 0;
        int shift = 0;
        int p = pos;
        while (true) {
            int v = b[p++] & 0xFF;
            value |= (v & 0x7F) << shift;
            if ((v & 0x80) == 0) {
                return new int[] {value, p};
            }
            shift += 7;
        }
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
