package org.vosportal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void bareIpv6AddressesAreRefusedAndCidrAccepted() {
        assertEquals(List.of("0:0:0:0:0:0:0:1", "::1", "fe80::1"),
                TrustedProxies.misread(List.of("127.0.0.1", "0:0:0:0:0:0:0:1", " ::1", "::1/128",
                        "10.0.0.0/8", "proxy.example.org", "proxy.example.org:8443", "fe80::1")));
    }

    @Test
    void theDefaultIsReadAsAddresses() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        String value = p.getProperty(TrustedProxies.KEY);
        String fallback = value.replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1");
        assertEquals(List.of(), TrustedProxies.misread(Arrays.asList(fallback.split(","))), value);
    }
}
