// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway JVM for the crash test: starts a forwarder on a buffer directory and an upstream port, offers
 * {@code count} numbered uplinks, prints {@code COMMITTED <count>} once every offer completed, then keeps
 * running (forwarding) until it is killed.
 *
 * <p>Arguments: buffer directory, upstream port, count.
 */
public final class ForwarderProcess {

    private ForwarderProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        Map<String, Object> props = Configs.upstream(port, dir);
        props.put("buffer.fsync", true);
        ForwarderComponent f = new ForwarderComponent();
        f.bindTopicPolicy(TopicPolicies.akenza());
        f.activate(Configs.of(props));
        Pipeline.offer(f, count, i -> TestUplinks.numbered("dev-" + (i % 4), i));
        System.out.println("COMMITTED " + count);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
