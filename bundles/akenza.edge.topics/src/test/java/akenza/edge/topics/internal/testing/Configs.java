// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.testing;

import akenza.edge.topics.internal.TopicPolicyConfig;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds the component's configuration annotation from a property map, as DS would (no OSGi needed). */
public final class Configs {

    private Configs() {
    }

    /**
     * @param properties configuration properties by their OSGi names ({@code max.topic.length}); missing ones
     *        take the annotation's defaults
     * @return the configuration
     */
    public static TopicPolicyConfig config(Map<String, ?> properties) {
        return (TopicPolicyConfig) Proxy.newProxyInstance(TopicPolicyConfig.class.getClassLoader(),
                new Class<?>[] { TopicPolicyConfig.class }, (proxy, method, args) -> {
                    String name = method.getName().replace('_', '.');
                    switch (method.getName()) {
                        case "annotationType":
                            return TopicPolicyConfig.class;
                        case "toString":
                            return "TopicPolicyConfig" + properties;
                        case "hashCode":
                            return properties.hashCode();
                        case "equals":
                            return proxy == args[0];
                        default:
                            Object value = properties.get(name);
                            return value != null ? value : method.getDefaultValue();
                    }
                });
    }
}
