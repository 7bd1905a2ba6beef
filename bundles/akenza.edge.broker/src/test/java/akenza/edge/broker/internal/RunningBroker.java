// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.broker.internal.config.BrokerSettings;

/** A started {@link MqttServer} on an ephemeral loopback port, closed by try-with-resources. */
public final class RunningBroker implements AutoCloseable {

    public final MqttServer server;
    public final BrokerServices services;

    /**
     * @param settings the settings
     * @param services the services
     */
    public RunningBroker(BrokerSettings settings, BrokerServices services) {
        this.services = services;
        this.server = new MqttServer(settings, services, s -> {
            throw new IllegalStateException("no TLS in this test");
        });
        server.start();
    }

    /** @param settings the settings */
    public RunningBroker(TestSettings settings) {
        this(settings.build(), new BrokerServices());
    }

    /** @return tcp://127.0.0.1:port */
    public String uri() {
        return "tcp://127.0.0.1:" + server.tcpPort();
    }

    /** @return the TCP port */
    public int port() {
        return server.tcpPort();
    }

    /**
     * @param name a counter
     * @return its value
     */
    public long counter(String name) {
        Long v = server.status().counters().get(name);
        return v == null ? 0 : v;
    }

    @Override
    public void close() {
        server.stop();
    }
}
