package io.pekkomule.node.run;

/** A transport cannot be made as asked; the message tells the operator what to fix. */
public final class TransportUnavailableException extends Exception {
  public TransportUnavailableException(String message) {
    super(message);
  }
}
