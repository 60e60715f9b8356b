package org.vosportal.vospace;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Writes and reads UWS 1.1 job documents (element order as in UWS.xsd). */
public final class UwsXml {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private UwsXml() {
    }

    private static void time(StringBuilder sb, String name, Instant t) {
        if (t == null) {
            sb.append("<uws:").append(name).append(" xsi:nil=\"true\"/>");
        } else {
            sb.append("<uws:").append(name).append('>').append(ISO.format(t)).append("</uws:").append(name)
                    .append('>');
        }
    }

    public static String toXml(UwsJob job) {
        StringBuilder sb = new StringBuilder(1024).append(Xml.PROLOG);
        sb.append("<uws:job xmlns:uws=\"").append(Xml.UWS_NS).append("\" xmlns:xlink=\"").append(Xml.XLINK_NS)
                .append("\" xmlns:xsi=\"").append(Xml.XSI_NS).append("\" version=\"1.1\">");
        sb.append("<uws:jobId>").append(Xml.escape(job.jobId())).append("</uws:jobId>");
        if (job.ownerId() == null) {
            sb.append("<uws:ownerId xsi:nil=\"true\"/>");
        } else {
            sb.append("<uws:ownerId>").append(Xml.escape(job.ownerId())).append("</uws:ownerId>");
        }
        sb.append("<uws:phase>").append(job.phase()).append("</uws:phase>");
        if (job.creationTime() != null) {
            sb.append("<uws:creationTime>").append(ISO.format(job.creationTime())).append("</uws:creationTime>");
        }
        time(sb, "startTime", job.startTime());
        time(sb, "endTime", job.endTime());
        sb.append("<uws:executionDuration>0</uws:executionDuration>");
        time(sb, "destruction", job.destruction());
        sb.append("<uws:results>");
        for (UwsJob.Result r : job.results()) {
            sb.append("<uws:result id=\"").append(Xml.escape(r.id())).append("\" xlink:href=\"")
                    .append(Xml.escape(r.href())).append("\"/>");
        }
        sb.append("</uws:results>");
        if (job.error() != null) {
            sb.append("<uws:errorSummary type=\"").append(job.error().type())
                    .append("\" hasDetail=\"false\"><uws:message>").append(Xml.escape(job.error().message()))
                    .append("</uws:message></uws:errorSummary>");
        }
        if (job.jobInfoXml() != null) {
            sb.append("<uws:jobInfo>").append(stripProlog(job.jobInfoXml())).append("</uws:jobInfo>");
        }
        sb.append("</uws:job>\n");
        return sb.toString();
    }

    public static String resultsXml(UwsJob job) {
        StringBuilder sb = new StringBuilder(Xml.PROLOG);
        sb.append("<uws:results xmlns:uws=\"").append(Xml.UWS_NS).append("\" xmlns:xlink=\"").append(Xml.XLINK_NS)
                .append("\">");
        for (UwsJob.Result r : job.results()) {
            sb.append("<uws:result id=\"").append(Xml.escape(r.id())).append("\" xlink:href=\"")
                    .append(Xml.escape(r.href())).append("\"/>");
        }
        return sb.append("</uws:results>\n").toString();
    }

    private static String stripProlog(String xml) {
        String s = xml.strip();
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2).strip();
        }
        return s;
    }

    /** Reads a job document (jobInfo is not kept). */
    public static UwsJob read(byte[] doc) {
        XMLStreamReader r = SafeXml.open(doc);
        String id = null;
        String owner = null;
        UwsJob.Phase phase = UwsJob.Phase.UNKNOWN;
        Instant created = null;
        Instant start = null;
        Instant end = null;
        Instant destruction = null;
        List<UwsJob.Result> results = new ArrayList<>();
        UwsJob.ErrorSummary error = null;
        try {
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "jobId" -> id = r.getElementText().trim();
                    case "ownerId" -> owner = emptyToNull(r.getElementText());
                    case "phase" -> phase = parsePhase(r.getElementText());
                    case "creationTime" -> created = parseTime(r.getElementText());
                    case "startTime" -> start = parseTime(r.getElementText());
                    case "endTime" -> end = parseTime(r.getElementText());
                    case "destruction" -> destruction = parseTime(r.getElementText());
                    case "result" -> results.add(new UwsJob.Result(r.getAttributeValue(null, "id"),
                            r.getAttributeValue(Xml.XLINK_NS, "href")));
                    case "errorSummary" -> {
                        String type = r.getAttributeValue(null, "type");
                        String msg = "";
                        while (r.hasNext()) {
                            int ev = r.next();
                            if (ev == XMLStreamConstants.START_ELEMENT && "message".equals(r.getLocalName())) {
                                msg = r.getElementText().trim();
                            } else if (ev == XMLStreamConstants.END_ELEMENT && "errorSummary".equals(r.getLocalName())) {
                                break;
                            }
                        }
                        error = new UwsJob.ErrorSummary(type, msg);
                    }
                    case "jobInfo" -> NodeXml.skipElement(r);
                    default -> {
                        // other elements carry nothing the portal needs
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw SafeXml.malformed(e);
        } finally {
            NodeXml.closeQuietly(r);
        }
        return new UwsJob(id, owner, phase, created, start, end, destruction, results, error, null);
    }

    public static UwsJob.Phase parsePhase(String s) {
        try {
            return UwsJob.Phase.valueOf(s.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return UwsJob.Phase.UNKNOWN;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant parseTime(String s) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(t.endsWith("Z") || t.contains("+") ? t : t + "Z");
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
