package io.apogee.tools.bench;

/** How the sender threads send: waiting for each answer, pipelining with futures, or without answers. */
public enum SendMode {
    SYNC,
    ASYNC,
    ONEWAY
}
