package org.vosportal.service.store;

/**
 * A delete of a container that still has children (perhaps created a moment ago). An
 * IllegalStateException, as the NodeStore contract has always said; answered InvalidArgument
 * ({@link StoreFaults}).
 */
public final class ContainerNotEmpty extends IllegalStateException {

    private final String name;

    public ContainerNotEmpty(String name) {
        super("container '" + name + "' is not empty");
        this.name = name;
    }

    /** The container's name. */
    public String name() {
        return name;
    }
}
