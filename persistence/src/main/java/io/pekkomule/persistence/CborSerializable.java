package io.pekkomule.persistence;

/**
 * The one marker for everything this module writes to the journal or snapshot store (events and
 * states): bound to Pekko's {@code jackson-cbor} serializer in this module's {@code reference.conf}.
 */
public interface CborSerializable {}
