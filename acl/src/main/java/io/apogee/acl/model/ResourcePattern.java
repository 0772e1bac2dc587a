package io.apogee.acl.model;

/** How a policy resource's name matches a request's: every name, exactly, or by prefix. */
public enum ResourcePattern {
    /** Ordered from the most specific to the least: the order in which matching entries decide. */
    LITERAL, PREFIXED, ANY
}
