package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vosportal.service.auth.GroupUris;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosFault;

/**
 * Applies the properties a client sends to a node, with CADC's merge rules: only the properties
 * present change; read-only and admin-only ones are silently ignored (clients POST whole fetched
 * documents back); {@code xsi:nil} removes; a non-empty group list replaces the set, nil clears it,
 * an empty value leaves it unchanged.
 */
@ApplicationScoped
public class PropertyEditor {

    @Inject
    ServiceConfig config;

    /** Validates all properties first, so a bad one changes nothing. */
    public void validate(List<Property> props) {
        for (Property p : props) {
            String key = p.uri();
            if (key.isEmpty() || key.length() > 1024 || key.chars().anyMatch(Character::isWhitespace)) {
                throw VosFault.invalid("invalid property key '" + abbreviate(key) + "'");
            }
            // custom properties are kept however a client names them: vtag sends bare keys
            // (TELESCOPE), the Python Node.set_property the core namespace (core#TELESCOPE)
            if (!p.nil() && p.value() != null && p.value().length() > Props.MAX_VALUE_LENGTH) {
                throw VosFault.invalid("value of " + key + " is longer than " + Props.MAX_VALUE_LENGTH);
            }
            if (!p.nil() && (key.equals(Props.GROUP_READ) || key.equals(Props.GROUP_WRITE))) {
                groups(p.value()); // throws on a malformed group
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private List<String> groups(String value) {
        try {
            List<String> g = GroupUris.parse(value, config.groupAuthority());
            if (g.size() > 32) {
                throw VosFault.invalid("at most 32 groups per property");
            }
            return g;
        } catch (IllegalArgumentException e) {
            throw VosFault.invalid(e.getMessage());
        }
    }

    /** Returns the node with the given properties merged in (nothing is saved here). */
    public StoredNode apply(StoredNode node, List<Property> props) {
        validate(props);
        boolean isPublic = node.isPublic();
        boolean locked = node.locked();
        boolean inherit = node.inheritPermissions();
        List<String> groupRead = new ArrayList<>(node.groupRead());
        List<String> groupWrite = new ArrayList<>(node.groupWrite());
        String type = node.contentType();
        String encoding = node.contentEncoding();
        Map<String, String> custom = new HashMap<>(node.properties());
        for (Property p : props) {
            String key = p.uri();
            if (Props.READ_ONLY.contains(key)) {
                continue;
            }
            String v = p.nil() ? null : (p.value() == null ? "" : p.value().trim());
            switch (key) {
                case Props.IS_PUBLIC -> isPublic = "true".equalsIgnoreCase(v);
                case Props.IS_LOCKED -> locked = "true".equalsIgnoreCase(v);
                case Props.INHERIT_PERMISSIONS -> inherit = node.isContainer() && "true".equalsIgnoreCase(v);
                case Props.GROUP_READ -> replaceGroups(groupRead, v);
                case Props.GROUP_WRITE -> replaceGroups(groupWrite, v);
                case Props.TYPE -> type = v == null || v.isEmpty() ? null : v;
                case Props.ENCODING -> encoding = v == null || v.isEmpty() ? null : v;
                default -> {
                    if (v == null) {
                        custom.remove(key);
                    } else {
                        custom.put(key, p.value());
                    }
                }
            }
        }
        return node.withMetadata(isPublic, groupRead, groupWrite, locked, inherit, type, encoding, custom);
    }

    /** True if the two versions of a node differ in who may read or write it, or in the lock. */
    public static boolean permissionsDiffer(StoredNode a, StoredNode b) {
        return a.isPublic() != b.isPublic() || a.locked() != b.locked()
                || a.inheritPermissions() != b.inheritPermissions()
                || !new java.util.HashSet<>(a.groupRead()).equals(new java.util.HashSet<>(b.groupRead()))
                || !new java.util.HashSet<>(a.groupWrite()).equals(new java.util.HashSet<>(b.groupWrite()));
    }

    private void replaceGroups(List<String> current, String value) {
        if (value == null) {
            current.clear();
        } else if (!value.isEmpty()) {
            current.clear();
            current.addAll(groups(value));
        }
    }
}
