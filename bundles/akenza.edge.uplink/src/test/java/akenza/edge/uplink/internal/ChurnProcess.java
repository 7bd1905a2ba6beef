// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A gateway JVM for the kill test: a forwarder draining to the upstream while a device offers numbered uplinks
 * without pause. Prints {@code OPEN} once the buffer is open, then {@code ACK <n>} for every uplink the buffer
 * committed (what a device would get a PUBACK for), {@code FORWARDING} once akenza acknowledged one. A line
 * {@code STOP} on stdin stops it cleanly ({@code STOPPED}, exit 0); otherwise it runs until killed.
 *
 * <p>Arguments: buffer directory, upstream port, first number.
 */
public final class ChurnProcess {

    private ChurnProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int first = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, Object> props = Configs.upstream(port, dir);
        props.put("buffer.fsync", true);
        props.put("buffer.commit.interval", 5);
        props.put("client.id", "edge-churn");
        ForwarderComponent f = new ForwarderComponent();
        f.bindTopicPolicy(TopicPolicies.akenza());
        f.activate(Configs.of(props));
        out.println("OPEN " + f.status().health());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread stopper = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("STOP")) {
                        break;
                    }
                }
            } catch (Exception e) {
                // the parent went away: stop as well
            }
            running.set(false);
        }, "churn-stopper");
        stopper.setDaemon(true);
        stopper.start();
        Semaphore permits = new Semaphore(200);
        int n = first;
        boolean forwarding = false;
        while (running.get()) {
            if (!forwarding && f.status().counters().get("uplinks.forwarded") > 0) {
                forwarding = true;
                out.println("FORWARDING");
            }
            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            // About 4,000 uplinks a second: a busy gateway whose backlog can still drain.
            LockSupport.parkNanos(250_000);
            int number = n++;
            f.offer(TestUplinks.padded("dev-" + (number % 4), number, 100)).whenComplete((v, e) -> {
                if (e == null) {
                    out.println("ACK " + number);
                }
                permits.release();
            });
        }
        permits.tryAcquire(200, 30, TimeUnit.SECONDS);
        f.deactivate();
        out.println("STOPPED");
        System.exit(0);
    }
}
