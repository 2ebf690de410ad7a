package dev.duplex.tck.deploy;

/** Extends an annotated endpoint without its own class annotation: not an endpoint (spec §4.8, WSC-4.8.2). */
public class KeptSubclass extends KeptEndpoint {
}
