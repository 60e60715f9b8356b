package org.vosportal.service.store;

/** A database failure the NodeStore cannot express as a VOSpace fault (connection lost, SQL error). */
public class NodeStoreException extends RuntimeException {

    public NodeStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
