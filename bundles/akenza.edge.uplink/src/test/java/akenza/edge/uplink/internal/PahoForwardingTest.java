// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

/** Every forwarding test again on the Eclipse Paho clients ({@code upstream.client=paho}), still selectable. */
class PahoForwardingTest extends ForwardingTest {

    @Override
    String client() {
        return "paho";
    }
}
