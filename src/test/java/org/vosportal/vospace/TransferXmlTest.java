package org.vosportal.vospace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.XmlSchemas;

class TransferXmlTest {

    @Test
    void readsThePythonClientsPushRequest() {
        String push = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\">"
                + "<vos:target>vos://opencadc.org!vault/home/me/d1/small.txt</vos:target>"
                + "<vos:direction>pushToVoSpace</vos:direction>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\">"
                + "<vos:securityMethod uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0\"/></vos:protocol>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\"/></vos:transfer>";
        Transfer t = TransferXml.read(push.getBytes(StandardCharsets.UTF_8));
        assertTrue(t.isPush());
        assertEquals(2, t.protocols().size());
        assertEquals(List.of("vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0"), t.protocols().get(0).securityMethods());
    }

    @Test
    void writesValidReplies() {
        Transfer reply = new Transfer(List.of("vos://opencadc.org~vault/a/b"), Transfer.PULL_FROM,
                new Transfer.View("ivo://ivoa.net/vospace/core#defaultview", Map.of()),
                List.of(new Transfer.Protocol("ivo://ivoa.net/vospace/core#httpget", "http://h/x?a=1&b=2", List.of())),
                Boolean.TRUE, "2.1");
        String xml = TransferXml.toXml(reply);
        XmlSchemas.assertTransfer(xml);
        assertEquals("http://h/x?a=1&b=2", TransferXml.read(xml.getBytes(StandardCharsets.UTF_8)).protocols().get(0)
                .endpoint());
    }

    @Test
    void writesValidJobs() {
        UwsJob job = new UwsJob("abc", null, UwsJob.Phase.ERROR, Instant.now(), Instant.now(), Instant.now(),
                Instant.now(), List.of(new UwsJob.Result("successcount", "final:3")),
                new UwsJob.ErrorSummary("fatal", "NodeNotFound"),
                TransferXml.toXml(new Transfer(List.of("vos://a~b/x"), "vos://a~b/y", null, List.of(), false, "2.1")));
        String xml = UwsXml.toXml(job);
        XmlSchemas.assertJob(xml);
        UwsJob back = UwsXml.read(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(UwsJob.Phase.ERROR, back.phase());
        assertEquals("final:3", back.result("successcount"));
        assertEquals("NodeNotFound", back.error().message());
        XmlSchemas.assertJob(UwsXml.toXml(new UwsJob("p", "alice", UwsJob.Phase.PENDING, Instant.now(), null, null,
                null, List.of(), null, null)));
    }
}
