// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.testing.AkenzaUpstream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Makes a {@link ForwarderConfig} from properties the way DS does: method {@code a_b} reads {@code a.b}. */
final class Configs {

    private Configs() {
    }

    static ForwarderConfig of(Map<String, ?> properties) {
        return (ForwarderConfig) Proxy.newProxyInstance(ForwarderConfig.class.getClassLoader(),
                new Class<?>[] {ForwarderConfig.class}, (proxy, method, args) -> value(method, properties));
    }

    private static Object value(Method method, Map<String, ?> properties) {
        if (method.getDeclaringClass() == Object.class || method.getName().equals("annotationType")) {
            return switch (method.getName()) {
                case "annotationType" -> ForwarderConfig.class;
                case "toString" -> "ForwarderConfig" + properties.keySet();
                case "hashCode" -> properties.hashCode();
                default -> false;
            };
        }
        Object v = properties.get(method.getName().replace('_', '.'));
        if (v == null) {
            return method.getDefaultValue();
        }
        Class<?> type = method.getReturnType();
        String s = String.valueOf(v);
        if (type == int.class) {
            return Integer.parseInt(s);
        } else if (type == long.class) {
            return Long.parseLong(s);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(s);
        }
        return s;
    }

    /** The properties of a forwarder connected to a test upstream, without TLS. */
    static Map<String, Object> upstream(int port, Path bufferDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("host", "127.0.0.1");
        p.put("port", port);
        p.put("tls", false);
        p.put("connector.id", AkenzaUpstream.CONNECTOR_ID);
        p.put("connector.secret", AkenzaUpstream.SECRET);
        p.put("client.id", "edge-test-" + System.nanoTime());
        p.put("buffer.dir", bufferDir.toString());
        p.put("buffer.fsync", false);
        p.put("reconnect.min", 1);
        p.put("reconnect.max", 2);
        p.put("status.interval", 0);
        return p;
    }
}
