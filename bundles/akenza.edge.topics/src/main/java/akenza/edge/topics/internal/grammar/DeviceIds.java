// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.grammar;

/** What the gateway accepts as an akenza device id inside a topic: the api's one rule. */
public final class DeviceIds {

    /** The longest device id, in characters. */
    public static final int MAX_LENGTH = akenza.edge.api.auth.DeviceIds.MAX_LENGTH;

    /** What a user is told when a device id is refused. */
    public static final String RULE = akenza.edge.api.auth.DeviceIds.RULE;

    private DeviceIds() {
    }

    /**
     * @param id a candidate device id
     * @return whether it is acceptable ({@link akenza.edge.api.auth.DeviceIds#isValid(String)})
     */
    public static boolean isValid(String id) {
        return akenza.edge.api.auth.DeviceIds.isValid(id);
    }
}
