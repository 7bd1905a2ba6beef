// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.testing;

/** MQTT topic filter matching (spec 4.7), written independently of the code under test for round-trip checks. */
public final class MqttMatch {

    private MqttMatch() {
    }

    /**
     * @param filter a topic filter
     * @param topic a topic name
     * @return whether the filter matches the topic
     */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
