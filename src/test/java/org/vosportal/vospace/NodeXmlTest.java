package org.vosportal.vospace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.XmlSchemas;

class NodeXmlTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesSchemaValidDocumentsWithLiteralVosPrefix() {
        VosUri root = VosUri.parse("vos://opencadc.org~vault/alice");
        Node file = Node.builder(root.child("a <&> b.fits"), NodeType.DATA)
                .readOnly(Props.LENGTH, "12").property(Props.GROUP_READ, "ivo://x/gms?a ivo://x/gms?b").build();
        Node link = Node.builder(root.child("latest"), NodeType.LINK).readOnly(Props.DATE, "2024-05-01T12:00:00.000")
                .target("vos://opencadc.org~vault/alice/a").build();
        Node dir = Node.builder(root, NodeType.CONTAINER).readOnly(Props.DATE, "2024-05-01T12:00:00.000")
                .child(file).child(link).child(Node.builder(root.child("sub"), NodeType.CONTAINER).build()).build();
        String xml = NodeXml.toXml(dir);
        XmlSchemas.assertNodeDocument(xml);
        assertTrue(xml.contains("xsi:type=\"vos:DataNode\" busy=\"false\""));
        assertTrue(xml.contains("a%20%3C&amp;%3E%20b.fits") || xml.contains("a%20%3C%26%3E%20b.fits"), xml);
        Node back = NodeXml.read(b(xml));
        assertEquals(3, back.children().size());
        assertEquals("a <&> b.fits", back.children().get(0).name());
        assertEquals("ivo://x/gms?a ivo://x/gms?b", back.children().get(0).value(Props.GROUP_READ));
        assertEquals(NodeType.LINK, back.children().get(1).type());
        assertEquals("vos://opencadc.org~vault/alice/a", back.children().get(1).target());
    }

    /** The body vos 3.6.4 sends for vmkdir (observed live): default namespace, ns1 prefix, '!' authority. */
    @Test
    void readsWhatThePythonClientSends() {
        String vmkdir = "<node xmlns=\"http://www.ivoa.net/xml/VOSpace/v2.0\" "
                + "xmlns:ns1=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"vos:ContainerNode\" "
                + "uri=\"vos://opencadc.org!vault/alice/d1\"><ns1:properties/><accepts/><provides/><nodes/></node>";
        Node n = NodeXml.read(b(vmkdir));
        XmlSchemas.assertNodeDocument(vmkdir);
        assertEquals(NodeType.CONTAINER, n.type());
        assertEquals(VosPath.parse("/alice/d1"), n.path());
        String vchmod = "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" uri=\"vos://opencadc.org~vault/alice/f\" "
                + "xsi:type=\"vos:DataNode\"><vos:properties>"
                + "<vos:property uri=\"ivo://ivoa.net/vospace/core#groupread\" xsi:nil=\"true\"/>"
                + "<vos:property uri=\"ivo://ivoa.net/vospace/core#ispublic\" readOnly=\"false\">true</vos:property>"
                + "</vos:properties><vos:accepts/><vos:provides/></vos:node>";
        Node c = NodeXml.read(b(vchmod));
        assertFalse(c.busy());
        assertTrue(c.property(Props.GROUP_READ).orElseThrow().nil());
        assertEquals("true", c.value(Props.IS_PUBLIC));
    }

    @Test
    void refusesDoctypeEntitiesAndHugeDocuments() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE n [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<node xmlns=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:type=\"vos:DataNode\" uri=\"vos://a~b/x\"><properties><property uri=\"k\">&x;</property></properties></node>";
        VosFault f = assertThrows(VosFault.class, () -> NodeXml.read(b(xxe)));
        assertEquals(Fault.InvalidArgument, f.fault());
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<node uri=\"vos://a~b/x\">&b;</node>";
        assertThrows(VosFault.class, () -> NodeXml.read(b(laughs)));
        byte[] big = new byte[300_000];
        VosFault tooBig = assertThrows(VosFault.class,
                () -> SafeXml.readBounded(new java.io.ByteArrayInputStream(big), 256 * 1024));
        assertEquals(413, tooBig.status());
    }

    @Test
    void reportsUnknownTypesAndMalformedXml() {
        assertEquals(Fault.TypeNotSupported, assertThrows(VosFault.class, () -> NodeXml.read(b(
                "<node xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"vos:WeirdNode\" uri=\"vos://a~b/x\"/>")))
                .fault());
        assertEquals(Fault.InvalidArgument, assertThrows(VosFault.class, () -> NodeXml.read(b("<node"))).fault());
        assertEquals(Fault.InvalidArgument, assertThrows(VosFault.class, () -> NodeXml.read(b(""))).fault());
    }
}
