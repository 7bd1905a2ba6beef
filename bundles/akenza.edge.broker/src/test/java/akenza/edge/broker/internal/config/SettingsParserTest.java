// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.broker.internal.config.BrokerSettings.LocalAccount;
import akenza.edge.common.config.ConfigProblem;
import akenza.edge.common.config.ConfigReader;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsParserTest {

    private static final UnaryOperator<String> NO_SYSTEM_PROPERTIES = key -> null;
    private static final UnaryOperator<String> NO_DECRYPT = s -> s;

    private static BrokerSettings parse(Map<String, ?> properties) {
        return SettingsParser.parse(new ConfigReader(properties), NO_DECRYPT, NO_SYSTEM_PROPERTIES);
    }

    private static BrokerSettings parse(Map<String, ?> properties, UnaryOperator<String> decrypt,
            UnaryOperator<String> systemProperties) {
        return SettingsParser.parse(new ConfigReader(properties), decrypt, systemProperties);
    }

    private static List<ConfigProblem> problems(Map<String, ?> properties) {
        ConfigReader reader = new ConfigReader(properties);
        SettingsParser.parse(reader, NO_DECRYPT, NO_SYSTEM_PROPERTIES);
        return reader.problems();
    }

    /** Read by MqttBrokerComponent itself (where the TLS material comes from), not by SettingsParser. */
    private static final Set<String> COMPONENT_PROPERTIES = Set.of("tls.keystore.service.pid",
            "tls.keystore.alias", "uplinks.without.forwarder");

    /** The properties Kura seeds from the metatype: each method's default under its dotted name. */
    private static Map<String, Object> metatypeDefaults() throws Exception {
        Map<String, Object> defaults = new HashMap<>();
        for (Method m : BrokerConfig.class.getDeclaredMethods()) {
            // Read by the component itself (keystore selection, uplinks.without.forwarder), not by the parser.
            if (m.getDefaultValue() != null // @AttributeDefinition is not retained at runtime
                    && !COMPONENT_PROPERTIES.contains(m.getName().replace('_', '.'))) {
                defaults.put(m.getName().replace('_', '.'), m.getDefaultValue());
            }
        }
        return defaults;
    }

    @Test
    void noPropertiesGiveTheDefaults() {
        assertEquals(BrokerSettings.defaults(), parse(Map.of()));
        assertEquals(BrokerSettings.defaults(), parse(null));
    }

    @Test
    void metatypeDefaultsEqualSettingsDefaults() throws Exception {
        Map<String, Object> defaults = metatypeDefaults();
        assertEquals(28 + 2 * SettingsParser.LOCAL_ACCOUNT_SLOTS, defaults.size());
        assertEquals(BrokerSettings.defaults(), parse(defaults));
    }

    @Test
    void metatypeDefaultsAsKuraStringsEqualSettingsDefaults() throws Exception {
        Map<String, Object> asText = new HashMap<>();
        metatypeDefaults().forEach((k, v) -> asText.put(k, String.valueOf(v)));
        assertEquals(BrokerSettings.defaults(), parse(asText));
    }

    /** Every property of the metatype reaches its own field: set all to non-defaults, compare field by field. */
    @Test
    void everyPropertyReachesItsField() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("tcp.enabled", false);
        p.put("tcp.port", 1884);
        p.put("tls.enabled", false);
        p.put("tls.port", 8884);
        p.put("bind.address", "127.0.0.1");
        p.put("tls.cert.path", "/etc/c.pem");
        p.put("tls.key.path", "/etc/k.pem");
        p.put("home.dir", "/var/lib/edge");
        p.put("max.connections", 7);
        p.put("max.packet.size", 4096);
        p.put("max.inflight", 5);
        p.put("max.queued.messages", 9);
        p.put("max.session.expiry", 60L);
        p.put("connect.timeout", 3);
        p.put("max.keep.alive", 30);
        p.put("max.subscriptions.per.client", 11);
        p.put("max.topic.length", 100);
        p.put("max.topic.aliases", 0);
        p.put("disconnect.on.credential.expiry", false);
        p.put("anonymous.allowed", true);
        p.put("local.account.1.name", "node-red");
        p.put("local.account.1.password", "pw1");
        p.put("acl", "allow subscribe /up/#");
        p.put("max.connect.size", 1024);
        p.put("max.sessions", 5);
        p.put("max.sessions.per.identity", 2);
        p.put("max.retained.messages", 6);
        p.put("max.retained.bytes", 600L);
        p.put("max.retained.messages.per.identity", 3);
        p.put("max.retained.bytes.per.identity", 300L);
        assertEquals(metatypeDefaults().size() - 4, p.size(), "all but two account slots set");

        BrokerSettings s = parse(p);
        BrokerSettings d = BrokerSettings.defaults();
        for (RecordComponent c : BrokerSettings.class.getRecordComponents()) {
            Method get = c.getAccessor();
            assertNotEquals(get.invoke(d), get.invoke(s), c.getName());
        }
        assertEquals(Path.of("/var/lib/edge"), s.home());
        assertEquals(new ResourceLimits(1024, 5, 2, 6, 600, 3, 300), s.limits());
        assertEquals(Path.of("/etc/c.pem"), s.tlsCertPath());
        assertEquals(List.of(new LocalAccount("node-red", "pw1")), s.localAccounts());
        assertEquals(60L, s.maxSessionExpirySeconds());
    }

    static Stream<Arguments> representations() {
        return Stream.of(
                Arguments.of("String", Map.of("tcp.port", "1999", "tcp.enabled", "false", "acl", "deny all #",
                        "max.session.expiry", "4294967295")),
                Arguments.of("Integer/Boolean", Map.of("tcp.port", 1999, "tcp.enabled", false, "acl", "deny all #",
                        "max.session.expiry", 4_294_967_295L)),
                Arguments.of("Long", Map.of("tcp.port", 1999L, "tcp.enabled", Boolean.FALSE, "acl", "deny all #",
                        "max.session.expiry", 4_294_967_295L)),
                Arguments.of("arrays", Map.of("tcp.port", new String[] {"1999"}, "tcp.enabled", new Boolean[] {false},
                        "acl", new String[] {"deny all #"}, "max.session.expiry", new Long[] {4_294_967_295L})),
                Arguments.of("padded text", Map.of("tcp.port", " 1999 ", "tcp.enabled", " FALSE ",
                        "acl", "deny all #", "max.session.expiry", " 4294967295")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("representations")
    void valuesAreToleratedInEveryRepresentation(String kind, Map<String, ?> properties) {
        BrokerSettings s = parse(properties);
        assertEquals(1999, s.tcpPort());
        assertFalse(s.tcpEnabled());
        assertEquals("deny all #", s.aclRules());
        assertEquals(4_294_967_295L, s.maxSessionExpirySeconds());
    }

    @Test
    void aclArrayIsJoinedIntoRules() {
        BrokerSettings s = parse(Map.of("acl", new String[] {"deny subscribe test/nosubscribe", "allow all #"}));
        assertEquals("deny subscribe test/nosubscribe\nallow all #", s.aclRules());
    }

    @Test
    void emptyTextMeansDefault() {
        assertEquals(1883, parse(Map.of("tcp.port", "")).tcpPort());
        assertTrue(parse(Map.of("tcp.enabled", "")).tcpEnabled());
    }

    @Test
    void homeRuleInOrder() {
        Map<String, String> both = Map.of("akenza.edge.home", "/srv/edge", "kura.home", "/opt/eclipse/kura");
        assertEquals(Path.of("/cfg/home"),
                parse(Map.of("home.dir", "/cfg/home"), NO_DECRYPT, both::get).home());
        assertEquals(Path.of("/srv/edge"), parse(Map.of("home.dir", " "), NO_DECRYPT, both::get).home());
        assertEquals(Path.of("/opt/eclipse/kura/user/akenza-edge"),
                parse(Map.of(), NO_DECRYPT, Map.of("kura.home", "/opt/eclipse/kura")::get).home());
        assertEquals(Path.of("data"), parse(Map.of(), NO_DECRYPT, NO_SYSTEM_PROPERTIES).home());
    }

    @Test
    void relativeTlsPathsAreTakenFromHome() {
        BrokerSettings s = parse(Map.of("home.dir", "/h", "tls.cert.path", "tls/mine.pem", "tls.key.path", "/k.pem"));
        assertEquals(Path.of("/h/tls/mine.pem"), s.tlsCertPath());
        assertEquals(Path.of("/k.pem"), s.tlsKeyPath());
        assertNull(parse(Map.of("tls.cert.path", " ", "tls.key.path", "")).tlsCertPath());
    }

    @Test
    void passwordsAreDecryptedAndFallBackToTheStoredValue() {
        Map<String, Object> p = Map.of("local.account.1.name", "a", "local.account.1.password", "enc:pa",
                "local.account.3.name", " c ", "local.account.3.password", "plain-c",
                "local.account.2.password", "ignored: slot has no name");
        UnaryOperator<String> decrypt = s -> {
            if (s.startsWith("enc:")) {
                return s.substring(4);
            }
            throw new IllegalStateException("not a ciphertext");
        };
        List<LocalAccount> accounts = parse(p, decrypt, NO_SYSTEM_PROPERTIES).localAccounts();
        assertEquals(List.of(new LocalAccount("a", "pa"), new LocalAccount("c", "plain-c")), accounts);
        assertEquals("pa", accounts.get(0).password());
        assertEquals("plain-c", parse(p, s -> null, NO_SYSTEM_PROPERTIES).localAccounts().get(1)
                .password());
        assertEquals("plain-c", parse(p, s -> new String(s.toCharArray()), NO_SYSTEM_PROPERTIES)
                .localAccounts().get(1).password());
        assertEquals("pa", parse(Map.of("local.account.1.name", "a", "local.account.1.password", "pa".toCharArray()))
                .localAccounts().get(0).password());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("tcp.port", 65_536), "tcp.port = '65536' rejected: must be from 0 to 65535; "
                        + "using the default 1883"),
                Arguments.of(Map.of("tcp.port", "-1"), "tcp.port = '-1'"),
                Arguments.of(Map.of("tls.port", "88x3"), "tls.port = '88x3' rejected: must be a whole number"),
                Arguments.of(Map.of("tls.port", 1.5), "tls.port = '1.5'"),
                Arguments.of(Map.of("tcp.enabled", "yes"), "tcp.enabled = 'yes' rejected: must be true or false"),
                Arguments.of(Map.of("bind.address", "10.0.0.1 10.0.0.2"), "bind.address = '10.0.0.1 10.0.0.2'"),
                Arguments.of(Map.of("tls.cert.path", "/c.pem"), "tls.cert.path = '/c.pem' rejected: needs "
                        + "tls.key.path as well; using the self-signed certificate"),
                Arguments.of(Map.of("tls.key.path", "/k.pem"), "tls.key.path = '/k.pem' rejected: needs tls.cert.path"),
                Arguments.of(Map.of("max.connections", 0), "max.connections"),
                Arguments.of(Map.of("max.packet.size", 268_435_456), "max.packet.size"),
                Arguments.of(Map.of("max.inflight", 0), "max.inflight"),
                Arguments.of(Map.of("max.inflight", 65_536), "max.inflight"),
                Arguments.of(Map.of("max.queued.messages", -1), "max.queued.messages"),
                Arguments.of(Map.of("max.session.expiry", 4_294_967_296L), "max.session.expiry"),
                Arguments.of(Map.of("connect.timeout", 0), "connect.timeout"),
                Arguments.of(Map.of("max.keep.alive", -1), "max.keep.alive"),
                Arguments.of(Map.of("max.keep.alive", 65_536), "max.keep.alive"),
                Arguments.of(Map.of("max.subscriptions.per.client", 0), "max.subscriptions.per.client"),
                Arguments.of(Map.of("max.topic.length", 65_536), "max.topic.length"),
                Arguments.of(Map.of("max.topic.aliases", -1), "max.topic.aliases"),
                Arguments.of(Map.of("anonymous.allowed", "1"), "anonymous.allowed = '1'"),
                Arguments.of(Map.of("local.account.2.name", "n"), "local.account.2.password = '****' rejected: must "
                        + "be set for local application 'n'"),
                Arguments.of(Map.of("home.dir", "bad\u0000path"), "home.dir = 'bad\\u0000path' rejected"));
    }

    /** The bad-value rule: the property's default, and a problem naming the property and the rejected value. */
    @ParameterizedTest
    @MethodSource("invalid")
    void aBadValueTakesItsDefaultAndIsReportedNamingThePropertyAndValue(Map<String, ?> properties,
            String expected) {
        assertEquals(BrokerSettings.defaults(), parse(properties));
        List<ConfigProblem> problems = problems(properties);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().startsWith(expected), problems.get(0).toString());
    }

    @Test
    void clashingPortsMoveTheTlsListenerToItsDefault() {
        BrokerSettings s = parse(Map.of("tcp.port", 1900, "tls.port", 1900));
        assertEquals(1900, s.tcpPort());
        assertEquals(8883, s.tlsPort());
        assertEquals("tls.port = '1900' rejected: must differ from tcp.port (1900); using 8883",
                problems(Map.of("tcp.port", 1900, "tls.port", 1900)).get(0).toString());
        BrokerSettings onDefault = parse(Map.of("tcp.port", 8883, "tls.port", 8883));
        assertEquals(8883, onDefault.tcpPort());
        assertEquals(1883, onDefault.tlsPort(), "the TLS default is taken; the other default then");
    }

    /** The one exception: the default ACL allows everything, so a broken ACL fails closed. */
    @ParameterizedTest
    @ValueSource(strings = {"allow all a/#/b", "allow all #,allow sub x"})
    void aBrokenAclDeniesEverythingInsteadOfAllowingEverything(String acl) {
        assertEquals(SettingsParser.DENY_ALL, parse(Map.of("acl", acl)).aclRules());
        assertTrue(problems(Map.of("acl", acl)).get(0).toString().startsWith("acl = '"), problems(Map.of("acl", acl))
                .toString());
        assertTrue(problems(Map.of("acl", acl)).get(0).reason().contains("denying every anonymous and "
                + "local-application publish and subscription"));
    }

    @Test
    void sameTcpAndTlsPortIsFineWhenOneListenerIsOffOrPortsAreEphemeral() {
        assertEquals(1900, parse(Map.of("tcp.port", 1900, "tls.port", 1900, "tls.enabled", false)).tcpPort());
        assertEquals(0, parse(Map.of("tcp.port", 0, "tls.port", 0)).tlsPort());
        assertTrue(problems(Map.of("tcp.port", 0, "tls.port", 0)).isEmpty());
    }

    @Test
    void problemsNeverShowPasswords() {
        Map<String, Object> duplicate = Map.of("local.account.1.name", "app", "local.account.1.password", "s3cret-1",
                "local.account.2.name", "app", "local.account.2.password", "s3cret-2");
        String problems = problems(duplicate).toString();
        assertTrue(problems.contains("local.account.2.name = 'app' rejected: is configured twice"), problems);
        assertFalse(problems.contains("s3cret"), problems);
        assertEquals(1, parse(duplicate).localAccounts().size());

        Map<String, Object> withPasswordAndBadPort = Map.of("local.account.1.name", "app",
                "local.account.1.password", "s3cret-1", "tcp.port", "abc");
        assertFalse(problems(withPasswordAndBadPort).toString().contains("s3cret"));
        assertFalse(parse(Map.of("local.account.1.name", "app", "local.account.1.password", "s3cret-1")).toString()
                .contains("s3cret"));
    }
}
