// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.testing;

import java.util.HashMap;
import java.util.Map;

/** Builds the component's configuration as DS hands it over: a property map (no OSGi needed). */
public final class Configs {

    private Configs() {
    }

    /**
     * @param properties configuration properties by their OSGi names ({@code max.topic.length}); missing ones
     *        take their defaults
     * @return the configuration
     */
    public static Map<String, Object> config(Map<String, ?> properties) {
        return new HashMap<>(properties);
    }
}
