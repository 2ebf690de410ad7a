package dev.duplex.pojo;

import jakarta.websocket.DecodeException;

/** Produces one parameter's value for a call to an annotated method. Built once per method at deployment. */
@FunctionalInterface
interface ArgResolver {
    Object resolve(CallContext context) throws DecodeException;
}
