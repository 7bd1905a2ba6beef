// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Secrets quoted in error messages are masked before they reach a log line. */
class SecretMaskTest {

    @Test
    void masksQuotedUplinkTopics() {
        assertEquals("acl: rule 2 'allow publish /up/****/#': expected ...",
                SecretMask.maskTopics("acl: rule 2 'allow publish /up/s3cr3t/#': expected ..."));
        assertEquals("deny subscribe /down/****/id/x, then /up/device/id/d",
                SecretMask.maskTopics("deny subscribe /down/abc/id/x, then /up/device/id/d"));
        assertEquals("nothing secret here", SecretMask.maskTopics("nothing secret here"));
    }
}
