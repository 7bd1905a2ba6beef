// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.broker.internal.acl.Acl;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who decides what: the topic policy for devices, the ACL (then the policy) for everyone else. */
class PublishAuthorizerTest {

    private static final Acl ACL = Acl.parse("deny subscribe secret/#, deny publish ro/#, allow all #");

    @ParameterizedTest
    @CsvSource({"#, true", "+/+, true", "secret/+, false", "secret/#, false", "+/x, true", "plain, false",
        "a/+/secret, true"})
    void wildcardsThatStillReachAllowedTopicsAreGrantedWithFiltering(String filter, boolean expected) {
        assertEquals(expected, PublishAuthorizer.reachesAllowedTopics(filter, ACL));
    }

    @Test
    void devicesNeedATopicPolicy() {
        DeviceIdentity device = DeviceIdentity.jwt("d", null);
        assertInstanceOf(PublishDecision.Refused.class, PublishAuthorizer.publish(device, "any", ACL, null));
        assertTrue(PublishAuthorizer.refuseSubscribe(device, "any", ACL, null).isPresent());
    }

    @Test
    void localClientsAreJudgedByTheAcl() {
        DeviceIdentity app = DeviceIdentity.localApplication("app");
        assertInstanceOf(PublishDecision.Refused.class, PublishAuthorizer.publish(app, "ro/1", ACL, null));
        assertInstanceOf(PublishDecision.LocalOnly.class, PublishAuthorizer.publish(app, "rw/1", ACL, null));
        assertEquals(Optional.empty(), PublishAuthorizer.refuseSubscribe(app, "rw/#", ACL, null));
        assertTrue(PublishAuthorizer.refuseSubscribe(app, "secret/x", ACL, null).isPresent());
        assertInstanceOf(PublishDecision.Refused.class, PublishAuthorizer.publish(app, "rw/1", null, null),
                "an invalid ACL denies everything");
    }
}
