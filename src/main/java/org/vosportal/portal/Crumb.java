package org.vosportal.portal;

/** One breadcrumb: a name and the listing URL it leads to. */
public record Crumb(String name, String href) {
}
