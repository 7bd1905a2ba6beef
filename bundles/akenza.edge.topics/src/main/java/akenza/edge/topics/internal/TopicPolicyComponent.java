// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal;

import akenza.edge.api.auth.DeviceDirectory;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.api.message.LocalTopicPolicy;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.api.status.StatusReporter;
import akenza.edge.common.config.ConfigProblem;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.config.ConfigStatus;
import akenza.edge.topics.internal.policy.CloudTopics;
import akenza.edge.topics.internal.policy.PolicyCounters;
import akenza.edge.topics.internal.policy.PolicySettings;
import akenza.edge.topics.internal.policy.PublishClassifier;
import akenza.edge.topics.internal.policy.SubscribeGuard;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The akenza topic policy as a Kura component: the broker asks it about every PUBLISH and SUBSCRIBE of a device
 * ({@link LocalTopicPolicy}), the forwarder asks it for cloud topics and filters ({@link CloudTopicMapping}).
 *
 * <p>All rules live in one immutable {@link Rules} object behind a volatile field; {@code modified} builds a new
 * one and swaps it, so the broker's event loops never take a lock and never see half a configuration.
 */
@Component(name = TopicPolicyComponent.PID, configurationPid = TopicPolicyComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = { ConfigurableComponent.class, LocalTopicPolicy.class, CloudTopicMapping.class,
            StatusReporter.class })
@Designate(ocd = TopicPolicyConfig.class)
public final class TopicPolicyComponent
        implements ConfigurableComponent, LocalTopicPolicy, CloudTopicMapping, StatusReporter {

    /** The component name, configuration PID and metatype OCD id. */
    public static final String PID = "akenza.edge.topics.TopicPolicy";

    private static final Logger LOG = LoggerFactory.getLogger(TopicPolicyComponent.class);

    private final PolicyCounters counters = new PolicyCounters();
    private volatile DeviceDirectory directory;
    private volatile Rules rules;

    /** One configuration's worth of policy, immutable, with the values its configuration had rejected. */
    private record Rules(PolicySettings settings, List<ConfigProblem> problems, PublishClassifier publish,
            SubscribeGuard subscribe, CloudTopics cloud) {
    }

    /** Creates the component with default settings (DS activates it with its configuration). */
    public TopicPolicyComponent() {
        rules = build(PolicySettings.defaults(), List.of());
    }

    /** @param properties the component configuration */
    @Activate
    public void activate(Map<String, Object> properties) {
        apply(properties, "Activated");
    }

    /** @param properties the new component configuration */
    @Modified
    public void modified(Map<String, Object> properties) {
        apply(properties, "Reconfigured");
    }

    /** @param directory the credentials component's device directory */
    @Reference(service = DeviceDirectory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindDeviceDirectory(DeviceDirectory directory) {
        this.directory = directory;
    }

    /** @param directory the directory going away */
    public void unbindDeviceDirectory(DeviceDirectory directory) {
        // A greedy replacement is bound before the old one is unbound: clear only if it is still ours.
        if (this.directory == directory) {
            this.directory = null;
        }
    }

    private void apply(Map<String, Object> properties, String what) {
        ConfigReader reader = new ConfigReader(properties);
        PolicySettings settings = PolicySettings.read(reader);
        rules = build(settings, reader.problems());
        ConfigStatus.log(LOG, PID, reader.problems());
        for (String error : settings.errors()) {
            LOG.warn("Topic policy configuration: {}", error);
        }
        LOG.info("{} topic policy: default topic '{}', separator '{}', max {} bytes and {} sub-topic levels, "
                + "{} uplink and {} downlink templates", what, settings.defaultTopic(), settings.separator(),
                settings.maxTopicLength(), settings.maxSubTopicLevels(), settings.templates().uplinks().size(),
                settings.templates().downlinks().size());
    }

    private Rules build(PolicySettings settings, List<ConfigProblem> problems) {
        return new Rules(settings, problems, new PublishClassifier(settings, counters), new SubscribeGuard(settings, counters),
                new CloudTopics(settings, counters, () -> directory));
    }

    @Override
    public PublishDecision classifyPublish(DeviceIdentity identity, String topic) {
        return rules.publish().classify(identity, topic);
    }

    @Override
    public Optional<String> refuseSubscribe(DeviceIdentity identity, String topicFilter) {
        return rules.subscribe().refuse(identity, topicFilter);
    }

    @Override
    public String cloudUplinkTopic(Uplink uplink, CharSequence upstreamSecret) {
        return rules.cloud().uplinkTopic(uplink, upstreamSecret);
    }

    @Override
    public String cloudDownlinkFilter(CharSequence upstreamSecret) {
        return rules.cloud().downlinkFilter(upstreamSecret);
    }

    @Override
    public String cloudDownlinkFilter(String deviceId, CharSequence upstreamSecret) {
        return rules.cloud().downlinkFilter(deviceId, upstreamSecret);
    }

    @Override
    public List<String> localDownlinkTopics(String cloudTopic, CharSequence upstreamSecret) {
        return rules.cloud().localDownlinkTopics(cloudTopic, upstreamSecret);
    }

    @Override
    public Optional<String> cloudResponseTopic(Uplink uplink, CharSequence upstreamSecret) {
        return rules.cloud().responseTopic(uplink, upstreamSecret);
    }

    @Override
    public ComponentStatus status() {
        Rules current = rules;
        PolicySettings settings = current.settings();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("default.topic", settings.defaultTopic());
        details.put("subtopic.separator", settings.separator());
        details.put("max.topic.length", Integer.toString(settings.maxTopicLength()));
        details.put("max.sub.topic.levels", Integer.toString(settings.maxSubTopicLevels()));
        details.put("templates.uplink", Integer.toString(settings.templates().uplinks().size()));
        details.put("templates.downlink", Integer.toString(settings.templates().downlinks().size()));
        details.put("device.directory", directory == null ? "absent" : "present");
        boolean errors = !settings.errors().isEmpty();
        if (errors) {
            details.put("templates.errors", String.join("; ", settings.errors()));
        }
        Map<String, Long> counts = counters.snapshot();
        String summary = (errors ? settings.errors().size() + " legacy template rule(s) skipped; " : "")
                + counts.get("uplinks.routed") + " uplinks routed, " + counts.get("publish.refused")
                + " publishes and " + counts.get("subscribe.refused") + " subscriptions refused, "
                + counts.get("downlinks.mapped") + " downlinks mapped";
        return ConfigStatus.withProblems(new ComponentStatus(PID, errors ? Health.DEGRADED : Health.OK, summary, counts,
                details, Instant.now()), current.problems());
    }
}
