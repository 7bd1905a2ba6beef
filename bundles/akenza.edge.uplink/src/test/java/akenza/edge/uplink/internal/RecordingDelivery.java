// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.message.LocalDelivery;
import akenza.edge.api.message.LocalMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local broker stand-in that records what it is asked to deliver. */
final class RecordingDelivery implements LocalDelivery {

    final List<LocalMessage> delivered = new CopyOnWriteArrayList<>();

    @Override
    public int deliver(LocalMessage message) {
        delivered.add(message);
        return 1;
    }
}
