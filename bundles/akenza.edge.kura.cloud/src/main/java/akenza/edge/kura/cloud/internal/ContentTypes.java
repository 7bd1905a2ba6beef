// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import java.util.Set;

/** The MQTT 5 content types akenza understands. */
final class ContentTypes {

    static final String JSON = "application/json";
    static final Set<String> AKENZA = Set.of(JSON, "text/plain", "application/octet-stream", "application/xml",
            "text/csv");

    private ContentTypes() {
    }
}
